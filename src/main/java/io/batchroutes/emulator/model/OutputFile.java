package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A file or file pattern uploaded after a task's process exits (OutputFile). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class OutputFile {
    public String filePattern;
    public OutputFileDestination destination;
    public OutputFileUploadOptions uploadOptions;
}
