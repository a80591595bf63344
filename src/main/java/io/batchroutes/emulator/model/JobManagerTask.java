package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The task that starts with its job and controls it (JobManagerTask). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobManagerTask {
    public String id;
    public String displayName;
    public String commandLine;
    public JsonNode containerSettings;
    public List<ResourceFile> resourceFiles;
    public List<OutputFile> outputFiles;
    public List<EnvironmentSetting> environmentSettings;
    public TaskConstraints constraints;
    public Integer requiredSlots;
    public Boolean killJobOnCompletion;
    public JsonNode userIdentity;
    public Boolean runExclusive;
    public List<ApplicationPackageReference> applicationPackageReferences;
    public JsonNode authenticationTokenSettings;
    public Boolean allowLowPriorityNode;
}
