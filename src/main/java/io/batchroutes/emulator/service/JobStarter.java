package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.AutoPoolSpecification;
import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudPool;

/**
 * Adds a job with what comes with it: its auto pool (lifetime {@code job}: created with the job) and its job manager
 * task, added as the job's first task.
 */
public final class JobStarter {
    private final JobService jobs;
    private final TaskService tasks;
    private final PoolService pools;
    private final AutoPools autoPools;

    public JobStarter(JobService jobs, TaskService tasks, PoolService pools, AutoPools autoPools) {
        this.jobs = jobs;
        this.tasks = tasks;
        this.pools = pools;
        this.autoPools = autoPools;
    }

    /** A user's add job: JobAddParameter. */
    public void add(CloudJob j) {
        if (j == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        Entities.requireId(j.id, "id");
        start(j, null);
    }

    /**
     * Adds {@code j}; {@code schedulePoolId} is the pool of its schedule's auto pool with lifetime
     * {@code jobschedule} (null otherwise).
     */
    void start(CloudJob j, String schedulePoolId) {
        Entities.require(j.poolInfo, "poolInfo");
        AutoPoolSpecification auto = j.poolInfo.autoPoolSpecification;
        JobManagers.validate(j.jobManagerTask);
        String newPool = null;
        if (auto != null) {
            AutoPools.validate(auto);
            if (AutoPools.lifetime(auto).equals("jobschedule")) {
                if (schedulePoolId == null) {
                    throw BatchErrorCode.INVALID_PROPERTY_VALUE.exceptionWithMessage(
                            "poolLifetimeOption jobschedule is for the jobs of a job schedule.", "PropertyName",
                            "poolInfo.autoPoolSpecification.poolLifetimeOption", "PropertyValue",
                            auto.poolLifetimeOption);
                }
                j.poolInfo.poolId = schedulePoolId;
            } else {
                newPool = AutoPools.newPoolId(auto);
                j.poolInfo.poolId = newPool;
            }
        }
        jobs.create(j);
        try {
            if (newPool != null) {
                autoPools.create(auto, newPool, false, j.id);
            }
            if (j.jobManagerTask != null) {
                tasks.add(j.id, JobManagers.task(j.jobManagerTask, slotsPerNode(j.poolInfo.poolId)));
            }
        } catch (BatchServiceException e) {
            jobs.delete(j.id);
            throw e;
        }
    }

    private int slotsPerNode(String poolId) {
        try {
            CloudPool p = pools.get(poolId);
            return p.taskSlotsPerNode == null ? 1 : p.taskSlotsPerNode;
        } catch (BatchServiceException noPoolYet) {
            return 1;
        }
    }
}
