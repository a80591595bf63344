package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Body of POST /pools/{poolId}/removenodes (NodeRemoveParameter). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NodeRemoveParameter {
    public List<String> nodeList;
    public String resizeTimeout;
    public String nodeDeallocationOption;
}
