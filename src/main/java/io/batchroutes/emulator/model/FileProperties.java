package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Properties of a node file (FileProperties); contentLength is a string as the real service sends it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class FileProperties {
    public Instant creationTime;
    public Instant lastModified;
    public String contentLength;
    public String contentType;
    public String fileMode;
}
