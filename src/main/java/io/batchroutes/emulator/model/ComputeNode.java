package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A compute node (ComputeNode). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ComputeNode {
    public String id;
    public String url;
    public String state;
    public String schedulingState;
    public Instant stateTransitionTime;
    public Instant lastBootTime;
    public Instant allocationTime;
    public String ipAddress;
    public String affinityId;
    public String vmSize;
    public Integer totalTasksRun;
    public Integer runningTasksCount;
    public Integer runningTaskSlotsCount;
    public Integer totalTasksSucceeded;
    public List<TaskInformation> recentTasks;
    public StartTask startTask;
    public StartTaskInformation startTaskInfo;
    public JsonNode certificateReferences;
    public JsonNode errors;
    public Boolean isDedicated;
    public JsonNode endpointConfiguration;
    public JsonNode nodeAgentInfo;
    public JsonNode virtualMachineInfo;
}
