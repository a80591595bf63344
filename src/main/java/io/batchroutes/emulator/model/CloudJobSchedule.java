package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A job schedule (CloudJobSchedule); JobScheduleAddParameter is its writable subset and is read into it too. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CloudJobSchedule {
    public String id;
    public String displayName;
    public String url;
    public String eTag;
    public Instant lastModified;
    public Instant creationTime;
    public String state;
    public Instant stateTransitionTime;
    public String previousState;
    public Instant previousStateTransitionTime;
    public Schedule schedule;
    public JobSpecification jobSpecification;
    public JobScheduleExecutionInformation executionInfo;
    public List<MetadataItem> metadata;
    public JobScheduleStatistics stats;
}
