package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Task counts of a job by state (TaskCounts); also used for TaskSlotCounts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TaskCounts {
    public int active;
    public int running;
    public int completed;
    public int succeeded;
    public int failed;
}
