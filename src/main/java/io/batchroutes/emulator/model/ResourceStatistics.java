package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** CPU, memory, disk and network use of a pool's nodes (ResourceStatistics); not measured by the emulator: zero. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ResourceStatistics {
    public Instant startTime;
    public Instant lastUpdateTime;
    public double avgCPUPercentage;
    public double avgMemoryGiB;
    public double peakMemoryGiB;
    public double avgDiskGiB;
    public double peakDiskGiB;
    public long diskReadIOps;
    public long diskWriteIOps;
    public double diskReadGiB;
    public double diskWriteGiB;
    public double networkReadGiB;
    public double networkWriteGiB;
}
