package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Core time a pool used (UsageStatistics). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class UsageStatistics {
    public Instant startTime;
    public Instant lastUpdateTime;
    public String dedicatedCoreTime;
}
