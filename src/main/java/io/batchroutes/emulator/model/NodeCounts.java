package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** How many nodes of one kind (dedicated or spot/low-priority) are in each state (NodeCounts). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NodeCounts {
    public int creating;
    public int idle;
    public int offline;
    public int preempted;
    public int rebooting;
    public int reimaging;
    public int running;
    public int starting;
    public int startTaskFailed;
    public int leavingPool;
    public int unknown;
    public int unusable;
    public int waitingForStartTask;
    public int upgradingOS;
    public int deallocated;
    public int deallocating;
    public int total;
}
