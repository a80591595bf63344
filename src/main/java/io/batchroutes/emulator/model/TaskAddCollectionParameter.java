package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Body of POST /jobs/{jobId}/addtaskcollection (TaskAddCollectionParameter). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TaskAddCollectionParameter {
    public List<CloudTask> value;
}
