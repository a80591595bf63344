package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** How a job ran (JobExecutionInformation). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class JobExecutionInformation {
    public Instant startTime;
    public Instant endTime;
    public String poolId;
    public JsonNode schedulingError;
    public String terminateReason;
}
