package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** How a job's preparation and release tasks ran on one node (one entry of jobpreparationandreleasetaskstatus). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobPreparationAndReleaseTaskExecutionInformation {
    public String poolId;
    public String nodeId;
    public String nodeUrl;
    public JobTaskExecutionInformation jobPreparationTaskExecutionInfo;
    public JobTaskExecutionInformation jobReleaseTaskExecutionInfo;
}
