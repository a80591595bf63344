package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Where a task ran (ComputeNodeInformation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ComputeNodeInformation {
    public String affinityId;
    public String nodeUrl;
    public String poolId;
    public String nodeId;
    public String taskRootDirectory;
    public String taskRootDirectoryUrl;
}
