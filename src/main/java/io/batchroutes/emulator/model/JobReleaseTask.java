package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Runs on every node that ran the job's preparation task when the job ends (JobReleaseTask). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobReleaseTask {
    public String id;
    public String commandLine;
    public JsonNode containerSettings;
    public List<ResourceFile> resourceFiles;
    public List<EnvironmentSetting> environmentSettings;
    public String maxWallClockTime;
    public String retentionTime;
    public JsonNode userIdentity;
}
