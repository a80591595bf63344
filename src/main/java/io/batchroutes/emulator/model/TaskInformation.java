package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A task recently run on a node (TaskInformation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TaskInformation {
    public String taskUrl;
    public String jobId;
    public String taskId;
    public Integer subtaskId;
    public String taskState;
    public TaskExecutionInformation executionInfo;
}
