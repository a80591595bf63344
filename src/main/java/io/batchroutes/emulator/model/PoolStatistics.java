package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Usage of a pool, or of all pools of the account (PoolStatistics). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PoolStatistics {
    public String url;
    public Instant startTime;
    public Instant lastUpdateTime;
    public UsageStatistics usageStats;
    public ResourceStatistics resourceStats;
}
