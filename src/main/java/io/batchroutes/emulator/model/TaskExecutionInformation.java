package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** How a task ran (TaskExecutionInformation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TaskExecutionInformation {
    public Instant startTime;
    public Instant endTime;
    public Integer exitCode;
    public JsonNode containerInfo;
    public TaskFailureInformation failureInfo;
    public Integer retryCount;
    public Instant lastRetryTime;
    public Integer requeueCount;
    public Instant lastRequeueTime;
    public String result;
}
