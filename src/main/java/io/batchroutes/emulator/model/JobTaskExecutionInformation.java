package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * How a job preparation or release task ran on a node (JobPreparationTaskExecutionInformation and
 * JobReleaseTaskExecutionInformation share these properties; the release task has no retries).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobTaskExecutionInformation {
    public Instant startTime;
    public Instant endTime;
    public String state;
    public String taskRootDirectory;
    public String taskRootDirectoryUrl;
    public Integer exitCode;
    public JsonNode containerInfo;
    public TaskFailureInformation failureInfo;
    public Integer retryCount;
    public Instant lastRetryTime;
    public String result;
}
