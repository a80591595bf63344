package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Runs on a node before the first task of its job there (JobPreparationTask). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobPreparationTask {
    public String id;
    public String commandLine;
    public JsonNode containerSettings;
    public List<ResourceFile> resourceFiles;
    public List<EnvironmentSetting> environmentSettings;
    public TaskConstraints constraints;
    public Boolean waitForSuccess;
    public JsonNode userIdentity;
    public Boolean rerunOnNodeRebootAfterSuccess;
}
