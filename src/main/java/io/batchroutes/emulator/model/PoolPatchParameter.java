package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Body of PATCH /pools/{poolId} (PoolPatchParameter): what is given replaces, what is missing stays. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PoolPatchParameter {
    public StartTask startTask;
    public JsonNode certificateReferences;
    public List<ApplicationPackageReference> applicationPackageReferences;
    public List<MetadataItem> metadata;
    public String targetNodeCommunicationMode;
}
