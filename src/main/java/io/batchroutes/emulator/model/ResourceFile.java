package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A file downloaded to the node before a task runs (ResourceFile). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ResourceFile {
    public String autoStorageContainerName;
    public String storageContainerUrl;
    public String httpUrl;
    public String blobPrefix;
    public String filePath;
    public String fileMode;
    public JsonNode identityReference;
}
