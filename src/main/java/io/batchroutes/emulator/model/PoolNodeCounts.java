package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A pool's node counts by state (PoolNodeCounts, one entry of GET /nodecounts). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PoolNodeCounts {
    public String poolId;
    public NodeCounts dedicated;
    public NodeCounts lowPriority;
}
