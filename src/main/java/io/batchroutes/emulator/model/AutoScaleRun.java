package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** The outcome of evaluating an autoscale formula (AutoScaleRun). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AutoScaleRun {
    public Instant timestamp;
    /** The final values of every variable, as {@code $Name=value;name=value}. */
    public String results;
    public BatchError error;
}
