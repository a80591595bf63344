package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudJobSchedule;
import io.batchroutes.emulator.model.JobScheduleExecutionInformation;
import io.batchroutes.emulator.model.JobSpecification;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.Schedule;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.JobScheduleRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job schedules: add, read, patch, update (PUT), disable, enable, terminate, delete, and the jobs of a schedule. The
 * jobs themselves are created by {@link JobScheduleRunner} when the schedule says so. Locks: a schedule's before a
 * job's.
 */
public final class JobScheduleService {
    private static final Logger LOG = LoggerFactory.getLogger(JobScheduleService.class);
    /** The service's minimum for {@code recurrenceInterval} and {@code startWindow}. */
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    private final ServiceContext ctx;
    private final JobService jobs;

    public JobScheduleService(ServiceContext ctx, JobService jobs) {
        this.ctx = ctx;
        this.jobs = jobs;
    }

    public void add(CloudJobSchedule s) {
        if (s == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        Entities.requireId(s.id, "id");
        validate(s.schedule, s.jobSpecification);
        Instant now = Entities.now();
        s.url = ctx.accountUrl().get() + "/jobschedules/" + Entities.encodePath(s.id);
        s.eTag = Entities.newETag();
        s.lastModified = now;
        s.creationTime = now;
        s.state = "active";
        s.stateTransitionTime = now;
        s.previousState = null;
        s.previousStateTransitionTime = null;
        s.executionInfo = new JobScheduleExecutionInformation();
        s.executionInfo.nextRunTime = firstRun(s.schedule, now);
        JobScheduleRecord existing = ctx.store().addJobSchedule(new JobScheduleRecord(ctx.store().nextSequence(), s));
        if (existing != null) {
            boolean deleting = existing.locked(() -> "deleting".equals(existing.schedule.state));
            throw (deleting ? BatchErrorCode.JOB_SCHEDULE_BEING_DELETED : BatchErrorCode.JOB_SCHEDULE_EXISTS)
                    .exception();
        }
        LOG.info("job schedule {}: created, next run {}", s.id, s.executionInfo.nextRunTime);
    }

    /** What would fail when a job is created from the specification fails now, at add or update. */
    private void validate(Schedule schedule, JobSpecification spec) {
        Entities.require(schedule, "schedule");
        Entities.require(spec, "jobSpecification");
        Entities.require(spec.poolInfo, "jobSpecification.poolInfo");
        if (spec.poolInfo.autoPoolSpecification != null) {
            AutoPools.validate(spec.poolInfo.autoPoolSpecification);
        } else {
            Entities.require(spec.poolInfo.poolId, "jobSpecification.poolInfo.poolId");
        }
        JobManagers.validate(spec.jobManagerTask);
        CloudJob probe = Json.MAPPER.convertValue(spec, CloudJob.class);
        if (probe.poolInfo.poolId == null) {
            probe.poolInfo.poolId = "auto-pool";
        }
        jobs.validate(probe);
        atLeastOneMinute(schedule.recurrenceInterval, "schedule.recurrenceInterval");
        atLeastOneMinute(schedule.startWindow, "schedule.startWindow");
    }

    private static void atLeastOneMinute(String value, String property) {
        Duration d = Entities.duration(value, property);
        if (d != null && d.compareTo(MIN_INTERVAL) < 0) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", property, "PropertyValue", value,
                    "Reason", "The minimum value is 1 minute");
        }
    }

    /** When the first job is due: at doNotRunUntil, or now; none when that is after doNotRunAfter. */
    static Instant firstRun(Schedule schedule, Instant now) {
        Instant at = schedule.doNotRunUntil != null && schedule.doNotRunUntil.isAfter(now) ? schedule.doNotRunUntil
                : now;
        return schedule.doNotRunAfter != null && at.isAfter(schedule.doNotRunAfter) ? null : at;
    }

    JobScheduleRecord record(String id) {
        JobScheduleRecord r = ctx.store().jobSchedule(id);
        if (r == null) {
            throw BatchErrorCode.JOB_SCHEDULE_NOT_FOUND.exception();
        }
        return r;
    }

    public boolean exists(String id) {
        return ctx.store().jobSchedule(id) != null;
    }

    public CloudJobSchedule get(String id) {
        JobScheduleRecord r = record(id);
        return r.locked(() -> Json.copy(r.schedule, CloudJobSchedule.class));
    }

    public List<CloudJobSchedule> list() {
        return ctx.store().jobSchedules().stream()
                .map(r -> r.locked(() -> Json.copy(r.schedule, CloudJobSchedule.class))).toList();
    }

    /** The jobs the schedule created that still exist, oldest first. */
    public List<CloudJob> jobs(String id) {
        JobScheduleRecord r = record(id);
        String prefix = BatchStore.key(r.schedule.id) + ":job-";
        return ctx.store().jobs().stream().filter(j -> BatchStore.key(j.job.id).startsWith(prefix))
                .map(j -> jobs.get(j.job.id)).toList();
    }

    static List<JobRecord> jobRecords(ServiceContext ctx, String scheduleId) {
        String prefix = BatchStore.key(scheduleId) + ":job-";
        return ctx.store().jobs().stream().filter(j -> BatchStore.key(j.job.id).startsWith(prefix)).toList();
    }

    /** JobSchedulePatchParameter: what is given replaces what was; the rest stays. */
    public void patch(String id, CloudJobSchedule patch) {
        if (patch == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        JobScheduleRecord r = record(id);
        r.locked(() -> {
            requireChangeable(r.schedule);
            validate(patch.schedule != null ? patch.schedule : r.schedule.schedule,
                    patch.jobSpecification != null ? patch.jobSpecification : r.schedule.jobSpecification);
            if (patch.schedule != null) {
                reschedule(r, patch.schedule);
            }
            if (patch.jobSpecification != null) {
                r.schedule.jobSpecification = patch.jobSpecification;
            }
            if (patch.metadata != null) {
                r.schedule.metadata = patch.metadata;
            }
            touch(r.schedule);
        });
    }

    /** JobScheduleUpdateParameter (PUT): schedule and jobSpecification required, metadata replaced or removed. */
    public void update(String id, CloudJobSchedule update) {
        if (update == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        validate(update.schedule, update.jobSpecification);
        JobScheduleRecord r = record(id);
        r.locked(() -> {
            requireChangeable(r.schedule);
            reschedule(r, update.schedule);
            r.schedule.jobSpecification = update.jobSpecification;
            r.schedule.metadata = update.metadata;
            touch(r.schedule);
        });
    }

    /** A new schedule applies to the jobs created from now on. */
    private static void reschedule(JobScheduleRecord r, Schedule schedule) {
        r.schedule.schedule = schedule;
        boolean more = schedule.recurrenceInterval != null || r.jobsCreated == 0;
        r.schedule.executionInfo.nextRunTime = more ? firstRun(schedule, Entities.now()) : null;
    }

    private static void requireChangeable(CloudJobSchedule s) {
        switch (s.state) {
            case "completed" -> throw BatchErrorCode.JOB_SCHEDULE_COMPLETED.exception();
            case "deleting" -> throw BatchErrorCode.JOB_SCHEDULE_BEING_DELETED.exception();
            case "terminating" -> throw BatchErrorCode.JOB_SCHEDULE_BEING_TERMINATED.exception();
            default -> {
            }
        }
    }

    /** No new job is created until it is enabled; jobs already created run on. */
    public void disable(String id) {
        JobScheduleRecord r = record(id);
        r.locked(() -> {
            requireChangeable(r.schedule);
            if (!"disabled".equals(r.schedule.state)) {
                setState(r.schedule, "disabled");
            }
        });
        LOG.info("job schedule {}: disabled", id);
    }

    public void enable(String id) {
        JobScheduleRecord r = record(id);
        r.locked(() -> {
            requireChangeable(r.schedule);
            if ("disabled".equals(r.schedule.state)) {
                setState(r.schedule, "active");
            }
        });
        LOG.info("job schedule {}: enabled", id);
    }

    /** Terminates the schedule's jobs still running ({@code TerminateJobSchedule}); it completes once they have. */
    public void terminate(String id) {
        JobScheduleRecord r = record(id);
        r.locked(() -> {
            requireChangeable(r.schedule);
            setState(r.schedule, "terminating");
            r.schedule.executionInfo.nextRunTime = null;
            for (JobRecord j : jobRecords(ctx, r.schedule.id)) {
                jobs.terminateIfRunning(j.job.id, "TerminateJobSchedule");
            }
        });
        LOG.info("job schedule {}: terminate requested", id);
    }

    /** Deletes the schedule with its jobs and their tasks; it is {@code deleting} for a while first. */
    public void delete(String id) {
        JobScheduleRecord r = record(id);
        r.locked(() -> {
            setState(r.schedule, "deleting");
            r.schedule.executionInfo.nextRunTime = null;
            for (JobRecord j : jobRecords(ctx, r.schedule.id)) {
                try {
                    jobs.delete(j.job.id);
                } catch (BatchServiceException gone) {
                    // deleted meanwhile
                }
            }
        });
        Deletions.later(ctx, () -> ctx.store().removeJobSchedule(r));
        LOG.info("job schedule {}: deleted", id);
    }

    static void setState(CloudJobSchedule s, String state) {
        Instant now = Entities.now();
        s.previousState = s.state;
        s.previousStateTransitionTime = s.stateTransitionTime;
        s.state = state;
        s.stateTransitionTime = now;
        touch(s);
    }

    static void touch(CloudJobSchedule s) {
        s.lastModified = Entities.now();
        s.eTag = Entities.newETag();
    }
}
