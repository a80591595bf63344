package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.JobExecutionInformation;
import io.batchroutes.emulator.model.JobPreparationAndReleaseTaskExecutionInformation;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.TaskCounts;
import io.batchroutes.emulator.model.TaskCountsResult;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jobs: add, read, patch, update, disable, enable, terminate, delete, task counts, preparation/release status. */
public final class JobService {
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    private final ServiceContext ctx;
    private final Scheduler scheduler;

    public JobService(ServiceContext ctx, Scheduler scheduler) {
        this.ctx = ctx;
        this.scheduler = scheduler;
    }

    /**
     * Validates a job whose id is already checked (a user's, or {@code <schedule>:job-<n>}) and whose pool is known
     * ({@code poolInfo.poolId}, also for an auto pool: see {@link JobStarter}).
     */
    void validate(CloudJob j) {
        Entities.require(j.poolInfo, "poolInfo");
        Entities.require(j.poolInfo.poolId, "poolInfo.poolId");
        Containers.check(j);
        if (j.jobPreparationTask != null) {
            Entities.require(j.jobPreparationTask.commandLine, "jobPreparationTask.commandLine");
            if (j.jobPreparationTask.id != null) {
                Entities.requireId(j.jobPreparationTask.id, "jobPreparationTask.id");
            }
            if (j.jobPreparationTask.constraints != null) {
                Entities.duration(j.jobPreparationTask.constraints.maxWallClockTime,
                        "jobPreparationTask.constraints.maxWallClockTime");
            }
        }
        if (j.jobReleaseTask != null) {
            if (j.jobPreparationTask == null) {
                throw BatchErrorCode.INVALID_PROPERTY_VALUE.exceptionWithMessage(
                        "A job release task needs a job preparation task.", "PropertyName", "jobReleaseTask");
            }
            Entities.require(j.jobReleaseTask.commandLine, "jobReleaseTask.commandLine");
            if (j.jobReleaseTask.id != null) {
                Entities.requireId(j.jobReleaseTask.id, "jobReleaseTask.id");
            }
            Entities.duration(j.jobReleaseTask.maxWallClockTime, "jobReleaseTask.maxWallClockTime");
        }
        checkEnums(j);
    }

    /** Adds a job {@link #validate validated} before; 409 JobExists when one has its id. */
    void create(CloudJob j) {
        validate(j);
        if (j.jobPreparationTask != null && j.jobPreparationTask.id == null) {
            j.jobPreparationTask.id = "jobpreparation";
        }
        if (j.jobReleaseTask != null && j.jobReleaseTask.id == null) {
            j.jobReleaseTask.id = "jobrelease";
        }
        Instant now = Entities.now();
        j.url = ctx.accountUrl().get() + "/jobs/" + Entities.encodePath(j.id);
        j.eTag = Entities.newETag();
        j.lastModified = now;
        j.creationTime = now;
        j.state = "active";
        j.stateTransitionTime = now;
        j.previousState = null;
        j.previousStateTransitionTime = null;
        j.priority = j.priority == null ? 0 : j.priority;
        j.maxParallelTasks = j.maxParallelTasks == null ? -1 : j.maxParallelTasks;
        j.usesTaskDependencies = Boolean.TRUE.equals(j.usesTaskDependencies);
        j.onAllTasksComplete = j.onAllTasksComplete == null ? "noaction" : j.onAllTasksComplete.toLowerCase(Locale.ROOT);
        j.onTaskFailure = j.onTaskFailure == null ? "noaction" : j.onTaskFailure.toLowerCase(Locale.ROOT);
        j.executionInfo = new JobExecutionInformation();
        j.executionInfo.startTime = now;
        j.executionInfo.poolId = j.poolInfo.poolId;
        JobRecord existing = ctx.store().addJob(new JobRecord(ctx.store().nextSequence(), j));
        if (existing != null) {
            boolean deleting = existing.locked(() -> "deleting".equals(existing.job.state));
            throw (deleting ? BatchErrorCode.JOB_BEING_DELETED : BatchErrorCode.JOB_EXISTS).exception();
        }
        LOG.info("job {}: created on pool {}", j.id, j.poolInfo.poolId);
    }

    private static void checkEnums(CloudJob j) {
        if (j.onAllTasksComplete != null
                && !List.of("noaction", "terminatejob").contains(j.onAllTasksComplete.toLowerCase(Locale.ROOT))) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", "onAllTasksComplete",
                    "PropertyValue", j.onAllTasksComplete);
        }
        if (j.onTaskFailure != null && !List.of("noaction", "performexitoptionsjobaction")
                .contains(j.onTaskFailure.toLowerCase(Locale.ROOT))) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", "onTaskFailure",
                    "PropertyValue", j.onTaskFailure);
        }
    }

    JobRecord record(String jobId) {
        JobRecord r = ctx.store().job(jobId);
        if (r == null) {
            throw BatchErrorCode.JOB_NOT_FOUND.exception();
        }
        return r;
    }

    public CloudJob get(String jobId) {
        JobRecord r = record(jobId);
        return r.locked(() -> present(r.job));
    }

    public List<CloudJob> list() {
        return ctx.store().jobs().stream().map(r -> r.locked(() -> present(r.job))).toList();
    }

    /** A copy as clients see it: a job on an auto pool names its pool in executionInfo only, as the service does. */
    private static CloudJob present(CloudJob job) {
        CloudJob copy = Json.copy(job, CloudJob.class);
        if (copy.poolInfo != null && copy.poolInfo.autoPoolSpecification != null) {
            copy.poolInfo.poolId = null;
        }
        return copy;
    }

    /** Updates the properties a JobPatchParameter carries; others are left as they are. */
    public void patch(String jobId, CloudJob patch) {
        if (patch == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        checkEnums(patch);
        JobRecord r = record(jobId);
        r.locked(() -> {
            CloudJob j = r.job;
            requireNotFinished(j);
            if (patch.onAllTasksComplete != null) {
                j.onAllTasksComplete = patch.onAllTasksComplete.toLowerCase(Locale.ROOT);
            }
            if (patch.priority != null) {
                j.priority = patch.priority;
            }
            if (patch.maxParallelTasks != null) {
                j.maxParallelTasks = patch.maxParallelTasks;
            }
            if (patch.allowTaskPreemption != null) {
                j.allowTaskPreemption = patch.allowTaskPreemption;
            }
            if (patch.constraints != null) {
                j.constraints = patch.constraints;
            }
            if (patch.metadata != null) {
                j.metadata = patch.metadata;
            }
            if (patch.poolInfo != null && patch.poolInfo.poolId != null && j.poolInfo.autoPoolSpecification == null) {
                j.poolInfo.poolId = patch.poolInfo.poolId;
                j.executionInfo.poolId = patch.poolInfo.poolId;
            }
            j.lastModified = Entities.now();
            j.eTag = Entities.newETag();
            JobActions.allTasksComplete(scheduler, r);
        });
        scheduler.requestDispatch();
    }

    /**
     * Replaces the job's updatable properties (JobUpdateParameter, PUT): what the body leaves out goes back to its
     * default (priority 0, no constraints, no metadata, unlimited parallel tasks, onAllTasksComplete noaction).
     */
    public void update(String jobId, CloudJob update) {
        if (update == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        Entities.require(update.poolInfo, "poolInfo");
        if (update.poolInfo.autoPoolSpecification == null) {
            Entities.require(update.poolInfo.poolId, "poolInfo.poolId");
        }
        checkEnums(update);
        JobRecord r = record(jobId);
        r.locked(() -> {
            CloudJob j = r.job;
            requireNotFinished(j);
            String onAllTasksComplete = update.onAllTasksComplete == null ? "noaction"
                    : update.onAllTasksComplete.toLowerCase(Locale.ROOT);
            if ("terminatejob".equals(j.onAllTasksComplete) && "noaction".equals(onAllTasksComplete)) {
                throw BatchErrorCode.INVALID_PROPERTY_VALUE.exceptionWithMessage(
                        "onAllTasksComplete cannot change from terminatejob to noaction.",
                        "PropertyName", "onAllTasksComplete");
            }
            j.onAllTasksComplete = onAllTasksComplete;
            j.priority = update.priority == null ? 0 : update.priority;
            j.maxParallelTasks = update.maxParallelTasks == null ? -1 : update.maxParallelTasks;
            j.allowTaskPreemption = update.allowTaskPreemption;
            j.constraints = update.constraints;
            j.metadata = update.metadata;
            if (update.poolInfo.poolId != null && j.poolInfo.autoPoolSpecification == null) {
                j.poolInfo.poolId = update.poolInfo.poolId;
                j.executionInfo.poolId = update.poolInfo.poolId;
            }
            j.lastModified = Entities.now();
            j.eTag = Entities.newETag();
            JobActions.allTasksComplete(scheduler, r);
        });
        scheduler.requestDispatch();
    }

    /** Stops scheduling the job's tasks; {@code disableTasks} says what happens to those running. */
    public void disable(String jobId, String disableTasks) {
        Entities.require(disableTasks, "disableTasks");
        String option = disableTasks.toLowerCase(Locale.ROOT);
        if (!List.of("requeue", "terminate", "wait").contains(option)) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", "disableTasks",
                    "PropertyValue", disableTasks);
        }
        JobRecord r = record(jobId);
        r.locked(() -> {
            requireNotFinished(r.job);
            if (!"active".equals(r.job.state)) {
                throw BatchErrorCode.JOB_NOT_ACTIVE.exception();
            }
            JobActions.disable(scheduler, r, option);
        });
        LOG.info("job {}: disable requested ({})", jobId, option);
    }

    /** Lets a disabled (or disabling) job's tasks be scheduled again. */
    public void enable(String jobId) {
        JobRecord r = record(jobId);
        r.locked(() -> {
            requireNotFinished(r.job);
            if (!"disabled".equals(r.job.state) && !"disabling".equals(r.job.state)) {
                throw BatchErrorCode.OPERATION_INVALID_FOR_CURRENT_STATE.exceptionWithMessage(
                        "Only a disabled job can be enabled.", "JobState", r.job.state);
            }
            JobActions.setState(r.job, "active");
        });
        LOG.info("job {}: enabled", jobId);
        scheduler.requestDispatch();
    }

    /** How the job's preparation and release tasks ran on each node. */
    public List<JobPreparationAndReleaseTaskExecutionInformation> preparationAndReleaseStatus(String jobId) {
        JobRecord r = record(jobId);
        return r.locked(() -> JobPreparations.status(r));
    }

    private static void requireNotFinished(CloudJob j) {
        switch (j.state) {
            case "completed" -> throw BatchErrorCode.JOB_COMPLETED.exception();
            case "deleting" -> throw BatchErrorCode.JOB_BEING_DELETED.exception();
            case "terminating" -> throw BatchErrorCode.JOB_BEING_TERMINATED.exception();
            default -> {
            }
        }
    }

    /** Ends running tasks and completes the job; tasks not yet run stay active and never run. */
    public void terminate(String jobId, String reason) {
        JobRecord r = record(jobId);
        r.locked(() -> {
            requireNotFinished(r.job);
            JobActions.terminate(scheduler, r, reason == null || reason.isBlank() ? "UserTerminate" : reason);
        });
        LOG.info("job {}: terminate requested", r.job.id);
    }

    /** For a job schedule's terminate: terminates the job unless it already ended or is ending. */
    void terminateIfRunning(String jobId, String reason) {
        JobRecord r = ctx.store().job(jobId);
        if (r != null) {
            r.locked(() -> {
                if (List.of("active", "disabling", "disabled", "enabling").contains(r.job.state)) {
                    JobActions.terminate(scheduler, r, reason);
                }
            });
        }
    }

    /** Ends running tasks, deletes the tasks' files, and removes the job after it was {@code deleting} a while. */
    public void delete(String jobId) {
        JobRecord r = record(jobId);
        boolean already = r.locked(() -> "deleting".equals(r.job.state));
        if (already) {
            return;
        }
        r.locked(() -> {
            JobActions.setState(r.job, "deleting");
            scheduler.preparations().release(r, () -> { });
            for (TaskRecord t : r.tasks.values()) {
                t.deleted = true;
                scheduler.endRun(Scheduler.taskKey(r.job.id, t.task.id), Scheduler.END_DELETE);
                TaskService.deleteFilesIfIdle(ctx, r.job.id, t);
            }
        });
        Deletions.later(ctx, () -> ctx.store().removeJob(r));
        LOG.info("job {}: deleted", r.job.id);
    }

    public TaskCountsResult taskCounts(String jobId) {
        JobRecord r = record(jobId);
        return r.locked(() -> {
            TaskCounts counts = new TaskCounts();
            TaskCounts slots = new TaskCounts();
            for (TaskRecord t : r.tasks.values()) {
                int s = t.task.requiredSlots == null ? 1 : t.task.requiredSlots;
                switch (t.task.state) {
                    case "active" -> {
                        counts.active++;
                        slots.active += s;
                    }
                    case "preparing", "running" -> {
                        counts.running++;
                        slots.running += s;
                    }
                    default -> {
                        counts.completed++;
                        slots.completed += s;
                        if (t.task.executionInfo != null && "success".equals(t.task.executionInfo.result)) {
                            counts.succeeded++;
                            slots.succeeded += s;
                        } else {
                            counts.failed++;
                            slots.failed += s;
                        }
                    }
                }
            }
            TaskCountsResult result = new TaskCountsResult();
            result.taskCounts = counts;
            result.taskSlotCounts = slots;
            return result;
        });
    }
}
