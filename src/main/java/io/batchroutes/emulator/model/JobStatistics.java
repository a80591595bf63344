package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Resource usage of a job, or of all jobs of the account (JobStatistics); durations ISO-8601 as on the wire. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobStatistics {
    public String url;
    public Instant startTime;
    public Instant lastUpdateTime;
    public String userCPUTime;
    public String kernelCPUTime;
    public String wallClockTime;
    public long readIOps;
    public long writeIOps;
    public double readIOGiB;
    public double writeIOGiB;
    public long numSucceededTasks;
    public long numFailedTasks;
    public long numTaskRetries;
    public String waitTime;
}
