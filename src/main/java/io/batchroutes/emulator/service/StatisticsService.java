package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.JobScheduleStatistics;
import io.batchroutes.emulator.model.JobStatistics;
import io.batchroutes.emulator.model.PoolStatistics;
import io.batchroutes.emulator.model.ResourceStatistics;
import io.batchroutes.emulator.model.UsageStatistics;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.JobScheduleRecord;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Statistics computed from what ran, at the moment they are asked for (the service rolls them up about every 30
 * minutes): per job (tasks succeeded, failed, retries, wall clock and wait time of their runs), per job schedule
 * (its jobs), per pool (dedicated core time: one core per node, for as long as each node has been allocated), and
 * for the account's lifetime (all jobs, all pools in the store). CPU, I/O, memory and network use are not measured
 * and are zero.
 */
public final class StatisticsService {
    private final ServiceContext ctx;

    public StatisticsService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    /** 404 for {@code /lifetimejobstats} and {@code /lifetimepoolstats} in versions that have no such resource. */
    public static void requireLifetimeStatistics(ApiVersion version) {
        if (!version.hasLifetimeStatistics()) {
            throw BatchErrorCode.RESOURCE_NOT_FOUND.exceptionWithMessage("The specified resource does not exist in "
                    + "api-version " + version.wire() + ".", "ApiVersion", version.wire());
        }
    }

    public JobStatistics job(String jobId) {
        JobRecord r = ctx.store().job(jobId);
        if (r == null) {
            throw BatchErrorCode.JOB_NOT_FOUND.exception();
        }
        JobStatistics s = r.locked(() -> job(r, new JobStatistics(), Entities.now()));
        s.url = s.url + "/stats";
        return s;
    }

    public JobScheduleStatistics jobSchedule(String scheduleId) {
        JobScheduleRecord r = ctx.store().jobSchedule(scheduleId);
        if (r == null) {
            throw BatchErrorCode.JOB_SCHEDULE_NOT_FOUND.exception();
        }
        Instant now = Entities.now();
        JobScheduleStatistics s = new JobScheduleStatistics();
        r.locked(() -> {
            s.url = r.schedule.url + "/stats";
            s.startTime = r.schedule.creationTime;
        });
        return sum(s, JobScheduleService.jobRecords(ctx, scheduleId), now);
    }

    public JobStatistics lifetimeJobs() {
        Instant now = Entities.now();
        JobStatistics s = new JobStatistics();
        s.url = ctx.accountUrl().get() + "/lifetimejobstats";
        List<JobRecord> jobs = ctx.store().jobs();
        s.startTime = jobs.isEmpty() ? now : jobs.get(0).locked(() -> jobs.get(0).job.creationTime);
        return sum(s, jobs, now);
    }

    public PoolStatistics pool(String poolId) {
        PoolRecord r = ctx.store().pool(poolId);
        if (r == null) {
            throw BatchErrorCode.POOL_NOT_FOUND.exception();
        }
        Instant now = Entities.now();
        return r.locked(() -> {
            PoolStatistics s = poolStatistics(r.pool.url + "/stats", r.pool.creationTime, now);
            s.usageStats.dedicatedCoreTime = dedicatedCoreTime(r, now).toString();
            return s;
        });
    }

    public PoolStatistics lifetimePools() {
        Instant now = Entities.now();
        List<PoolRecord> pools = ctx.store().pools();
        Instant start = pools.isEmpty() ? now : pools.get(0).locked(() -> pools.get(0).pool.creationTime);
        PoolStatistics s = poolStatistics(ctx.accountUrl().get() + "/lifetimepoolstats", start, now);
        Duration core = Duration.ZERO;
        for (PoolRecord r : pools) {
            core = core.plus(r.locked(() -> dedicatedCoreTime(r, now)));
        }
        s.usageStats.dedicatedCoreTime = core.toString();
        return s;
    }

    private static <T extends JobStatistics> T sum(T total, List<JobRecord> jobs, Instant now) {
        Duration wall = Duration.ZERO;
        Duration wait = Duration.ZERO;
        for (JobRecord r : jobs) {
            JobStatistics one = r.locked(() -> job(r, new JobStatistics(), now));
            total.numSucceededTasks += one.numSucceededTasks;
            total.numFailedTasks += one.numFailedTasks;
            total.numTaskRetries += one.numTaskRetries;
            wall = wall.plus(Duration.parse(one.wallClockTime));
            wait = wait.plus(Duration.parse(one.waitTime));
        }
        total.lastUpdateTime = now;
        total.wallClockTime = wall.toString();
        total.waitTime = wait.toString();
        total.userCPUTime = Duration.ZERO.toString();
        total.kernelCPUTime = Duration.ZERO.toString();
        return total;
    }

    /** Under the job's lock. */
    private static JobStatistics job(JobRecord r, JobStatistics s, Instant now) {
        s.url = r.job.url;
        s.startTime = r.job.creationTime;
        s.lastUpdateTime = now;
        Duration wall = Duration.ZERO;
        Duration wait = Duration.ZERO;
        for (TaskRecord t : r.tasks.values()) {
            CloudTask task = t.task;
            if (task.executionInfo == null || task.executionInfo.startTime == null) {
                continue;
            }
            Instant end = task.executionInfo.endTime != null ? task.executionInfo.endTime : now;
            wall = wall.plus(Duration.between(task.executionInfo.startTime, end));
            if (task.creationTime != null) {
                wait = wait.plus(Duration.between(task.creationTime, task.executionInfo.startTime));
            }
            s.numTaskRetries += task.executionInfo.retryCount == null ? 0 : task.executionInfo.retryCount;
            if ("completed".equals(task.state)) {
                if ("success".equals(task.executionInfo.result)) {
                    s.numSucceededTasks++;
                } else {
                    s.numFailedTasks++;
                }
            }
        }
        s.wallClockTime = wall.toString();
        s.waitTime = wait.toString();
        s.userCPUTime = Duration.ZERO.toString();
        s.kernelCPUTime = Duration.ZERO.toString();
        return s;
    }

    private static PoolStatistics poolStatistics(String url, Instant start, Instant now) {
        PoolStatistics s = new PoolStatistics();
        s.url = url;
        s.startTime = start;
        s.lastUpdateTime = now;
        s.usageStats = new UsageStatistics();
        s.usageStats.startTime = start;
        s.usageStats.lastUpdateTime = now;
        s.resourceStats = new ResourceStatistics();
        s.resourceStats.startTime = start;
        s.resourceStats.lastUpdateTime = now;
        return s;
    }

    /** Under the pool's lock: one core per dedicated node, from its allocation until now. */
    private static Duration dedicatedCoreTime(PoolRecord r, Instant now) {
        Duration total = Duration.ZERO;
        for (NodeRecord n : r.nodes.values()) {
            if (Boolean.TRUE.equals(n.node.isDedicated) && n.node.allocationTime != null) {
                total = total.plus(Duration.between(n.node.allocationTime, now));
            }
        }
        return total;
    }
}
