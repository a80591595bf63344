package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** When a job schedule creates jobs (Schedule); durations are ISO-8601 strings as on the wire. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class Schedule {
    public Instant doNotRunUntil;
    public Instant doNotRunAfter;
    public String startWindow;
    public String recurrenceInterval;
}
