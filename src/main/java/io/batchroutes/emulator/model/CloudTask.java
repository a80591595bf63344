package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A task (CloudTask); TaskAddParameter is its writable subset and is read into this class too. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CloudTask {
    public String id;
    public String displayName;
    public String url;
    public String eTag;
    public Instant lastModified;
    public Instant creationTime;
    public ExitConditions exitConditions;
    public String state;
    public Instant stateTransitionTime;
    public String previousState;
    public Instant previousStateTransitionTime;
    public String commandLine;
    public JsonNode containerSettings;
    public List<ResourceFile> resourceFiles;
    public List<OutputFile> outputFiles;
    public List<EnvironmentSetting> environmentSettings;
    public JsonNode affinityInfo;
    public TaskConstraints constraints;
    public Integer requiredSlots;
    public JsonNode userIdentity;
    public TaskExecutionInformation executionInfo;
    public ComputeNodeInformation nodeInfo;
    public MultiInstanceSettings multiInstanceSettings;
    public JsonNode stats;
    public TaskDependencies dependsOn;
    public List<ApplicationPackageReference> applicationPackageReferences;
    public JsonNode authenticationTokenSettings;
}
