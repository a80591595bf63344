package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Outcome of one task of an addtaskcollection call (TaskAddResult). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TaskAddResult {
    public String status;
    public String taskId;
    public String eTag;
    public Instant lastModified;
    public String location;
    public BatchError error;
}
