package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.ExitCodeMapping;
import io.batchroutes.emulator.model.ExitCodeRangeMapping;
import io.batchroutes.emulator.model.ExitConditions;
import io.batchroutes.emulator.model.ExitOptions;
import io.batchroutes.emulator.model.JobExecutionInformation;
import io.batchroutes.emulator.node.RunResult;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's state machine as tasks complete: exit conditions (jobAction, dependencyAction), {@code onTaskFailure},
 * {@code onAllTasksComplete}, terminating → (release tasks) → completed, and disabling → disabled. Every method runs under the job's lock.
 */
final class JobActions {
    private static final Logger LOG = LoggerFactory.getLogger(JobActions.class);

    private JobActions() {
    }

    static void afterTaskCompleted(Scheduler scheduler, JobRecord job, TaskRecord rec, RunResult result,
            boolean endedByUser) {
        ExitOptions options = exitOptions(rec.task.exitConditions, result);
        boolean failed = !result.succeeded();
        String dependencyAction = options != null && options.dependencyAction != null
                ? options.dependencyAction.toLowerCase(Locale.ROOT) : failed ? "block" : "satisfy";
        rec.dependencySatisfied = dependencyAction.equals("satisfy");
        CloudJob j = job.job;
        if (failed && "performexitoptionsjobaction".equalsIgnoreCase(j.onTaskFailure) && !endedByUser) {
            String jobAction = options != null && options.jobAction != null
                    ? options.jobAction.toLowerCase(Locale.ROOT) : "terminate";
            if (jobAction.equals("terminate") && "active".equals(j.state)) {
                LOG.info("job {}: terminated because task {} failed", j.id, rec.task.id);
                terminate(scheduler, job, "TaskFailed");
            } else if (jobAction.equals("disable") && "active".equals(j.state)) {
                setState(j, "disabled");
            }
        }
        JobManagers.afterTaskCompleted(scheduler, job, rec);
        allTasksComplete(scheduler, job);
    }

    /** With onAllTasksComplete=terminatejob, terminates an active job whose tasks have all completed. */
    static void allTasksComplete(Scheduler scheduler, JobRecord job) {
        CloudJob j = job.job;
        if ("terminatejob".equalsIgnoreCase(j.onAllTasksComplete) && "active".equals(j.state) && !job.tasks.isEmpty()
                && job.tasks.values().stream().allMatch(t -> "completed".equals(t.task.state))) {
            LOG.info("job {}: all tasks complete, terminating", j.id);
            terminate(scheduler, job, "AllTasksComplete");
        }
    }

    static ExitOptions exitOptions(ExitConditions conditions, RunResult result) {
        if (conditions == null) {
            return null;
        }
        if (result.phase() == RunResult.Phase.PREPROCESSING) {
            return conditions.preProcessingError != null ? conditions.preProcessingError : conditions.defaultOptions;
        }
        if (result.phase() == RunResult.Phase.UPLOAD) {
            return conditions.fileUploadError != null ? conditions.fileUploadError : conditions.defaultOptions;
        }
        Integer code = result.exitCode();
        if (code != null) {
            if (conditions.exitCodes != null) {
                for (ExitCodeMapping m : conditions.exitCodes) {
                    if (m.code != null && m.code.intValue() == code) {
                        return m.exitOptions;
                    }
                }
            }
            if (conditions.exitCodeRanges != null) {
                for (ExitCodeRangeMapping m : conditions.exitCodeRanges) {
                    if (m.start != null && m.end != null && code >= m.start && code <= m.end) {
                        return m.exitOptions;
                    }
                }
            }
        }
        return result.succeeded() ? null : conditions.defaultOptions;
    }

    /** Moves the job to terminating, ends its running tasks, and completes it if none runs. */
    static void terminate(Scheduler scheduler, JobRecord job, String reason) {
        CloudJob j = job.job;
        setState(j, "terminating");
        if (j.executionInfo == null) {
            j.executionInfo = new JobExecutionInformation();
        }
        j.executionInfo.terminateReason = reason;
        for (TaskRecord t : job.tasks.values()) {
            if (t.poolId != null) {
                scheduler.endRun(Scheduler.taskKey(j.id, t.task.id), Scheduler.END_TERMINATE);
            }
        }
        completeIfTerminated(scheduler, job);
    }

    /** Once no task of a terminating job runs: runs its release tasks, then completes it. */
    static void completeIfTerminated(Scheduler scheduler, JobRecord job) {
        CloudJob j = job.job;
        if ("terminating".equals(j.state) && job.tasks.values().stream().noneMatch(t -> t.poolId != null)) {
            if (scheduler.preparations().release(job, () -> completeIfTerminated(scheduler, job))) {
                return;
            }
            setState(j, "completed");
            j.executionInfo.endTime = j.stateTransitionTime;
            LOG.info("job {}: completed ({})", j.id, j.executionInfo.terminateReason);
        }
    }

    /**
     * Disables a job: no task of it starts until it is enabled; its running tasks are requeued, terminated or left
     * to finish ({@code disableTasks}: requeue, terminate, wait). It is {@code disabling} until none runs.
     */
    static void disable(Scheduler scheduler, JobRecord job, String disableTasks) {
        setState(job.job, "disabling");
        if (!disableTasks.equals("wait")) {
            String how = disableTasks.equals("requeue") ? Scheduler.END_REQUEUE : Scheduler.END_TERMINATE;
            for (TaskRecord t : job.tasks.values()) {
                if (t.poolId != null) {
                    scheduler.endRun(Scheduler.taskKey(job.job.id, t.task.id), how);
                }
            }
        }
        completeIfDisabled(job);
    }

    static void completeIfDisabled(JobRecord job) {
        if ("disabling".equals(job.job.state) && job.tasks.values().stream().noneMatch(t -> t.poolId != null)) {
            setState(job.job, "disabled");
            LOG.info("job {}: disabled", job.job.id);
        }
    }

    static void setState(CloudJob j, String state) {
        Instant now = Entities.now();
        j.previousState = j.state;
        j.previousStateTransitionTime = j.stateTransitionTime;
        j.state = state;
        j.stateTransitionTime = now;
        j.lastModified = now;
        j.eTag = Entities.newETag();
    }
}
