package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** How the start task ran on a node (StartTaskInformation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class StartTaskInformation {
    public String state;
    public Instant startTime;
    public Instant endTime;
    public Integer exitCode;
    public JsonNode containerInfo;
    public TaskFailureInformation failureInfo;
    public Integer retryCount;
    public Instant lastRetryTime;
    public String result;
}
