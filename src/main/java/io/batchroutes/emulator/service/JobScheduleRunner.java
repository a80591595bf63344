package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.AutoPoolSpecification;
import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudJobSchedule;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.RecentJob;
import io.batchroutes.emulator.model.Schedule;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.JobScheduleRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the jobs of job schedules when they are due, as the service does: one at {@code nextRunTime} (at
 * {@code doNotRunUntil}, or at once), then one every {@code recurrenceInterval}; never two active at once (a due
 * job waits for the previous one to complete, at most {@code startWindow}, after which that run is skipped); none
 * after {@code doNotRunAfter}. Jobs are named {@code <scheduleId>:job-<n>}. A schedule with no further run
 * completes once its last job has. Also deletes finished auto pools. Runs on its own timer thread, four times a
 * second.
 */
public final class JobScheduleRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduleRunner.class);
    private static final long TICK_MILLIS = 250;

    private final ServiceContext ctx;
    private final JobStarter starter;
    private final AutoPools autoPools;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "batch-emulator-job-schedules");
        t.setDaemon(true);
        return t;
    });

    public JobScheduleRunner(ServiceContext ctx, JobStarter starter, AutoPools autoPools) {
        this.ctx = ctx;
        this.starter = starter;
        this.autoPools = autoPools;
        timer.scheduleWithFixedDelay(this::tickGuarded, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tickGuarded() {
        try {
            tick();
            autoPools.sweep();
        } catch (Throwable e) { // an Error too: a scheduled task that throws anything is never run again
            LOG.error("job schedule round failed", e);
        }
    }

    void tick() {
        for (JobScheduleRecord r : ctx.store().jobSchedules()) {
            r.locked(() -> advance(r, Entities.now()));
        }
    }

    private void advance(JobScheduleRecord r, Instant now) {
        CloudJobSchedule s = r.schedule;
        boolean jobRunning = JobScheduleService.jobRecords(ctx, s.id).stream()
                .anyMatch(j -> j.locked(() -> !"completed".equals(j.job.state) && !"deleting".equals(j.job.state)));
        if ("terminating".equals(s.state) && !jobRunning) {
            complete(s, "terminated");
            return;
        }
        if (!"active".equals(s.state) && !"disabled".equals(s.state)) {
            return;
        }
        Schedule schedule = s.schedule;
        Instant next = s.executionInfo.nextRunTime;
        if (next != null && schedule.doNotRunAfter != null && next.isAfter(schedule.doNotRunAfter)) {
            next = null;
        }
        if (next != null && !now.isBefore(next)) {
            Duration window = Entities.duration(schedule.startWindow, "schedule.startWindow");
            boolean missed = window != null && now.isAfter(next.plus(window));
            if (missed) {
                LOG.info("job schedule {}: run of {} missed its start window", s.id, next);
                next = following(schedule, next, now);
            } else if (!jobRunning && "active".equals(s.state)) {
                createJob(r);
                jobRunning = true;
                next = following(schedule, next, now);
            }
        }
        if (next != s.executionInfo.nextRunTime) {
            s.executionInfo.nextRunTime = next;
            JobScheduleService.touch(s);
        }
        if (next == null && !jobRunning && "active".equals(s.state)) {
            complete(s, "it has no further run");
        }
    }

    /** The run after {@code due}: the first recurrence after now, or none without recurrence or after doNotRunAfter. */
    private static Instant following(Schedule schedule, Instant due, Instant now) {
        Duration every = Entities.duration(schedule.recurrenceInterval, "schedule.recurrenceInterval");
        if (every == null) {
            return null;
        }
        Instant at = due.plus(every);
        while (!at.isAfter(now)) {
            at = at.plus(every);
        }
        return schedule.doNotRunAfter != null && at.isAfter(schedule.doNotRunAfter) ? null : at;
    }

    private void createJob(JobScheduleRecord r) {
        CloudJobSchedule s = r.schedule;
        CloudJob job = Json.MAPPER.convertValue(s.jobSpecification, CloudJob.class);
        job.id = s.id + ":job-" + (r.jobsCreated + 1);
        AutoPoolSpecification auto = job.poolInfo.autoPoolSpecification;
        try {
            String schedulePool = null;
            if (auto != null && "jobschedule".equals(AutoPools.lifetime(auto))) {
                if (r.autoPoolId == null) {
                    String poolId = AutoPools.newPoolId(auto);
                    autoPools.create(auto, poolId, true, s.id);
                    r.autoPoolId = poolId;
                }
                schedulePool = r.autoPoolId;
            }
            starter.start(job, schedulePool);
        } catch (BatchServiceException e) {
            LOG.warn("job schedule {}: could not create job {}: {} {}", s.id, job.id, e.error().code(),
                    e.getMessage());
            return;
        } finally {
            r.jobsCreated++;
        }
        RecentJob recent = new RecentJob();
        recent.id = job.id;
        recent.url = ctx.store().job(job.id) == null ? null : jobUrl(job.id);
        s.executionInfo.recentJob = recent;
        JobScheduleService.touch(s);
        LOG.info("job schedule {}: created job {}", s.id, job.id);
    }

    private String jobUrl(String jobId) {
        JobRecord j = ctx.store().job(jobId);
        return j.locked(() -> j.job.url);
    }

    private static void complete(CloudJobSchedule s, String why) {
        JobScheduleService.setState(s, "completed");
        s.executionInfo.nextRunTime = null;
        s.executionInfo.endTime = s.stateTransitionTime;
        LOG.info("job schedule {}: completed ({})", s.id, why);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
