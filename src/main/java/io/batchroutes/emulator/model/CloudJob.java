package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A job (CloudJob); JobAddParameter is its writable subset and is read into this class too. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CloudJob {
    public String id;
    public String displayName;
    public Boolean usesTaskDependencies;
    public String url;
    public String eTag;
    public Instant lastModified;
    public Instant creationTime;
    public String state;
    public Instant stateTransitionTime;
    public String previousState;
    public Instant previousStateTransitionTime;
    public Integer priority;
    public Boolean allowTaskPreemption;
    public Integer maxParallelTasks;
    public JobConstraints constraints;
    public JobManagerTask jobManagerTask;
    public JobPreparationTask jobPreparationTask;
    public JobReleaseTask jobReleaseTask;
    public List<EnvironmentSetting> commonEnvironmentSettings;
    public PoolInformation poolInfo;
    public String onAllTasksComplete;
    public String onTaskFailure;
    public JsonNode networkConfiguration;
    public List<MetadataItem> metadata;
    public JobExecutionInformation executionInfo;
    public JobStatistics stats;
}
