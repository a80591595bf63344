package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A pool (CloudPool); PoolAddParameter is its writable subset and is read into this class too. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CloudPool {
    public String id;
    public String displayName;
    public String url;
    public String eTag;
    public Instant lastModified;
    public Instant creationTime;
    public String state;
    public Instant stateTransitionTime;
    public String allocationState;
    public Instant allocationStateTransitionTime;
    public String vmSize;
    public JsonNode virtualMachineConfiguration;
    public String resizeTimeout;
    public JsonNode resizeErrors;
    public Integer currentDedicatedNodes;
    public Integer currentLowPriorityNodes;
    public Integer targetDedicatedNodes;
    public Integer targetLowPriorityNodes;
    public Boolean enableAutoScale;
    public String autoScaleFormula;
    public String autoScaleEvaluationInterval;
    public JsonNode autoScaleRun;
    public Boolean enableInterNodeCommunication;
    public JsonNode networkConfiguration;
    public StartTask startTask;
    public JsonNode certificateReferences;
    public List<ApplicationPackageReference> applicationPackageReferences;
    public Integer taskSlotsPerNode;
    public JsonNode taskSchedulingPolicy;
    public JsonNode userAccounts;
    public List<MetadataItem> metadata;
    public PoolStatistics stats;
    public JsonNode mountConfiguration;
    public JsonNode identity;
    public String targetNodeCommunicationMode;
    public String currentNodeCommunicationMode;
    public JsonNode upgradePolicy;
    public JsonNode resourceTags;
}
