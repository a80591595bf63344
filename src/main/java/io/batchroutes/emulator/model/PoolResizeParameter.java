package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of POST /pools/{poolId}/resize (PoolResizeParameter). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PoolResizeParameter {
    public Integer targetDedicatedNodes;
    public Integer targetLowPriorityNodes;
    public String resizeTimeout;
    public String nodeDeallocationOption;
}
