package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** How a job schedule ran (JobScheduleExecutionInformation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobScheduleExecutionInformation {
    public Instant nextRunTime;
    public RecentJob recentJob;
    public Instant endTime;
}
