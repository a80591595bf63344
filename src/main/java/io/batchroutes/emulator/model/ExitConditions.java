package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** How the service responds when a task completes (ExitConditions). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExitConditions {
    public List<ExitCodeMapping> exitCodes;
    public List<ExitCodeRangeMapping> exitCodeRanges;
    public ExitOptions preProcessingError;
    public ExitOptions fileUploadError;
    /** Wire name {@code default}, a Java keyword. */
    @JsonProperty("default")
    public ExitOptions defaultOptions;
}
