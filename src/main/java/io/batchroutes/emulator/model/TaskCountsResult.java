package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Response of GET /jobs/{jobId}/taskcounts (TaskCountsResult). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TaskCountsResult {
    public TaskCounts taskCounts;
    public TaskCounts taskSlotCounts;
}
