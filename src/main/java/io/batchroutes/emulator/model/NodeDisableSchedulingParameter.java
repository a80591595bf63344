package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of POST .../nodes/{nodeId}/disablescheduling (NodeDisableSchedulingParameter). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class NodeDisableSchedulingParameter {
    public String nodeDisableSchedulingOption;
}
