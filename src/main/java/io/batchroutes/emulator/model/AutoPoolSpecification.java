package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A pool the service creates for a job or a job schedule and deletes with it (AutoPoolSpecification). {@code pool}
 * is a PoolSpecification: the writable subset of CloudPool, read into that class.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AutoPoolSpecification {
    public String autoPoolIdPrefix;
    public String poolLifetimeOption;
    public Boolean keepAlive;
    public CloudPool pool;
}
