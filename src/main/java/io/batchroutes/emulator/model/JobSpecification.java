package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The jobs a schedule creates (JobSpecification): the writable properties of a job, without its id. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobSpecification {
    public Integer priority;
    public Boolean allowTaskPreemption;
    public Integer maxParallelTasks;
    public String displayName;
    public Boolean usesTaskDependencies;
    public String onAllTasksComplete;
    public String onTaskFailure;
    public JsonNode networkConfiguration;
    public JobConstraints constraints;
    public JobManagerTask jobManagerTask;
    public JobPreparationTask jobPreparationTask;
    public JobReleaseTask jobReleaseTask;
    public List<EnvironmentSetting> commonEnvironmentSettings;
    public PoolInformation poolInfo;
    public List<MetadataItem> metadata;
}
