package io.batchroutes.emulator.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A supported VM image and the node agent that runs on it (ImageInformation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ImageInformation {
    public String nodeAgentSKUId;
    public ImageReference imageReference;
    public String osType;
    public List<String> capabilities;
    public String batchSupportEndOfLife;
    public String verificationType;

    /** The marketplace image (ImageReference). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class ImageReference {
        public String publisher;
        public String offer;
        public String sku;
        public String version;
    }
}
