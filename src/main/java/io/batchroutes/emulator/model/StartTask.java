package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A task run when a node joins the pool or restarts (StartTask). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class StartTask {
    public String commandLine;
    public JsonNode containerSettings;
    public List<ResourceFile> resourceFiles;
    public List<EnvironmentSetting> environmentSettings;
    public JsonNode userIdentity;
    public Integer maxTaskRetryCount;
    public Boolean waitForSuccess;
}
