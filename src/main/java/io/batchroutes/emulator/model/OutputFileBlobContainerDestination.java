package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Where output files go in Azure Blob Storage (OutputFileBlobContainerDestination). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class OutputFileBlobContainerDestination {
    public String path;
    public String containerUrl;
    public JsonNode identityReference;
    public List<JsonNode> uploadHeaders;
}
