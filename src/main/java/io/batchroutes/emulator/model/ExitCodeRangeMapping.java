package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Exit options for a range of exit codes (ExitCodeRangeMapping). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ExitCodeRangeMapping {
    public Integer start;
    public Integer end;
    public ExitOptions exitOptions;
}
