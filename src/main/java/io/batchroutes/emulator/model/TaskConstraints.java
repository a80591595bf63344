package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Execution constraints of a task (TaskConstraints); durations are ISO-8601 strings as on the wire. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TaskConstraints {
    public String maxWallClockTime;
    public String retentionTime;
    public Integer maxTaskRetryCount;
}
