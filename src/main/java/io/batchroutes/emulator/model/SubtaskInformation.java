package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One subtask of a multi-instance task, as GET .../subtasksinfo lists it (SubtaskInformation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class SubtaskInformation {
    public Integer id;
    public ComputeNodeInformation nodeInfo;
    public Instant startTime;
    public Instant endTime;
    public Integer exitCode;
    public JsonNode containerInfo;
    public TaskFailureInformation failureInfo;
    public String state;
    public Instant stateTransitionTime;
    public String previousState;
    public Instant previousStateTransitionTime;
    public String result;
}
