package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.BatchError;
import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.ErrorMessage;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.OutputFile;
import io.batchroutes.emulator.model.ResourceFile;
import io.batchroutes.emulator.model.SubtaskInformation;
import io.batchroutes.emulator.model.TaskAddResult;
import io.batchroutes.emulator.model.TaskExecutionInformation;
import io.batchroutes.emulator.node.NodeFailures;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tasks: add (one or a collection), read, update, terminate, reactivate, delete; retention of their files. */
public final class TaskService {
    private static final Logger LOG = LoggerFactory.getLogger(TaskService.class);
    public static final int MAX_TASKS_PER_COLLECTION = 100;
    public static final int MAX_COLLECTION_BODY_BYTES = 1024 * 1024;
    private static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** The emulator runs at most this many nodes per pool, so no multi-instance task can use more. */
    private static final int MAX_INSTANCES = 64;

    private final ServiceContext ctx;
    private final Scheduler scheduler;
    private final JobService jobs;

    public TaskService(ServiceContext ctx, Scheduler scheduler, JobService jobs) {
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.jobs = jobs;
    }

    /** What a client learns of a task it added: its address and version (no copy of the whole task). */
    public record Added(String url, String eTag, Instant lastModified) {
    }

    public Added add(String jobId, CloudTask task) {
        JobRecord job = jobs.record(jobId);
        Added added = job.locked(() -> addLocked(job, task));
        scheduler.requestDispatch();
        return added;
    }

    /** Adds up to 100 tasks; each gets its own result, a job-level problem fails the whole call. */
    public List<TaskAddResult> addCollection(String jobId, List<CloudTask> tasks, int bodyBytes) {
        if (tasks == null) {
            throw BatchErrorCode.MISSING_REQUIRED_PROPERTY.exception("PropertyName", "value");
        }
        if (tasks.size() > MAX_TASKS_PER_COLLECTION || bodyBytes > MAX_COLLECTION_BODY_BYTES) {
            throw BatchErrorCode.REQUEST_BODY_TOO_LARGE.exceptionWithMessage(
                    "The request body is too large and exceeds the maximum permissible limit: at most "
                            + MAX_TASKS_PER_COLLECTION + " tasks and " + MAX_COLLECTION_BODY_BYTES + " bytes.",
                    "MaxLimit", tasks.size() > MAX_TASKS_PER_COLLECTION
                            ? String.valueOf(MAX_TASKS_PER_COLLECTION) : String.valueOf(MAX_COLLECTION_BODY_BYTES));
        }
        JobRecord job = jobs.record(jobId);
        List<TaskAddResult> results = job.locked(() -> {
            checkJobAcceptsTasks(job.job);
            List<TaskAddResult> list = new ArrayList<>();
            for (CloudTask t : tasks) {
                TaskAddResult r = new TaskAddResult();
                r.taskId = t == null ? null : t.id;
                try {
                    Added added = addLocked(job, t);
                    r.status = "success";
                    r.eTag = added.eTag();
                    r.lastModified = added.lastModified();
                    r.location = added.url();
                } catch (BatchServiceException e) {
                    r.status = e.error().status() >= 500 ? "serverError" : "clientError";
                    BatchError error = new BatchError();
                    error.code = e.error().code();
                    error.message = new ErrorMessage();
                    error.message.lang = "en-US";
                    error.message.value = e.getMessage();
                    error.values = e.values().isEmpty() ? null : e.values();
                    r.error = error;
                }
                list.add(r);
            }
            return list;
        });
        scheduler.requestDispatch();
        return results;
    }

    private static void checkJobAcceptsTasks(CloudJob j) {
        switch (j.state) {
            case "completed" -> throw BatchErrorCode.JOB_COMPLETED.exception();
            case "deleting" -> throw BatchErrorCode.JOB_BEING_DELETED.exception();
            case "terminating" -> throw BatchErrorCode.JOB_BEING_TERMINATED.exception();
            default -> {
            }
        }
    }

    private Added addLocked(JobRecord job, CloudTask t) {
        checkJobAcceptsTasks(job.job);
        validate(job.job, t);
        if (job.job.jobPreparationTask != null && t.id.equalsIgnoreCase(job.job.jobPreparationTask.id)) {
            throw BatchErrorCode.TASK_ID_SAME_AS_JOB_PREPARATION_TASK.exception();
        }
        if (job.job.jobReleaseTask != null && t.id.equalsIgnoreCase(job.job.jobReleaseTask.id)) {
            throw BatchErrorCode.TASK_ID_SAME_AS_JOB_RELEASE_TASK.exception();
        }
        if (job.tasks.containsKey(BatchStore.key(t.id))) {
            throw BatchErrorCode.TASK_EXISTS.exception();
        }
        Instant now = Entities.now();
        t.url = job.job.url + "/tasks/" + Entities.encodePath(t.id);
        t.eTag = Entities.newETag();
        t.lastModified = now;
        t.creationTime = now;
        t.state = "active";
        t.stateTransitionTime = now;
        t.previousState = null;
        t.previousStateTransitionTime = null;
        t.executionInfo = null;
        t.nodeInfo = null;
        t.requiredSlots = t.requiredSlots == null ? 1 : t.requiredSlots;
        job.tasks.put(BatchStore.key(t.id), new TaskRecord(ctx.store().nextSequence(), t));
        job.job.lastModified = now;
        LOG.info("job {} task {}: added", job.job.id, t.id);
        return new Added(t.url, t.eTag, t.lastModified);
    }

    private static void validate(CloudJob job, CloudTask t) {
        if (t == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        Entities.requireId(t.id, "id");
        Entities.require(t.commandLine, "commandLine");
        if (t.dependsOn != null && !Boolean.TRUE.equals(job.usesTaskDependencies)) {
            throw BatchErrorCode.TASK_DEPENDENCIES_NOT_SPECIFIED_ON_JOB.exception();
        }
        if (t.dependsOn != null && t.dependsOn.taskIdRanges != null) {
            for (var range : t.dependsOn.taskIdRanges) {
                if (range.start == null || range.end == null || range.start > range.end) {
                    throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", "dependsOn.taskIdRanges");
                }
            }
        }
        if (t.containerSettings != null) {
            throw Containers.notBuilt("containerSettings");
        }
        if (t.multiInstanceSettings != null) {
            Integer n = t.multiInstanceSettings.numberOfInstances;
            if (n != null && (n < 1 || n > MAX_INSTANCES)) {
                throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName",
                        "multiInstanceSettings.numberOfInstances", "PropertyValue", String.valueOf(n));
            }
        }
        if (t.applicationPackageReferences != null) {
            for (var ref : t.applicationPackageReferences) {
                if (ref == null || ref.applicationId == null) {
                    throw BatchErrorCode.MISSING_REQUIRED_PROPERTY.exception("PropertyName",
                            "applicationPackageReferences.applicationId");
                }
            }
        }
        if (t.requiredSlots != null && t.requiredSlots < 1) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", "requiredSlots");
        }
        if (t.constraints != null) {
            Entities.duration(t.constraints.maxWallClockTime, "constraints.maxWallClockTime");
            Entities.duration(t.constraints.retentionTime, "constraints.retentionTime");
        }
        if (t.resourceFiles != null) {
            for (ResourceFile rf : t.resourceFiles) {
                int sources = (rf.httpUrl != null ? 1 : 0) + (rf.storageContainerUrl != null ? 1 : 0)
                        + (rf.autoStorageContainerName != null ? 1 : 0);
                if (sources != 1) {
                    throw BatchErrorCode.INVALID_PROPERTY_VALUE.exceptionWithMessage(
                            "A resource file needs exactly one of httpUrl, storageContainerUrl, autoStorageContainerName.",
                            "PropertyName", "resourceFiles");
                }
                if (rf.httpUrl != null) {
                    Entities.require(rf.filePath, "resourceFiles.filePath");
                }
            }
        }
        if (t.outputFiles != null) {
            for (OutputFile of : t.outputFiles) {
                Entities.require(of.filePattern, "outputFiles.filePattern");
                Entities.require(of.destination, "outputFiles.destination");
                Entities.require(of.destination.container, "outputFiles.destination.container");
                Entities.require(of.destination.container.containerUrl, "outputFiles.destination.container.containerUrl");
                Entities.require(of.uploadOptions, "outputFiles.uploadOptions");
                Entities.require(of.uploadOptions.uploadCondition, "outputFiles.uploadOptions.uploadCondition");
                if (!List.of("tasksuccess", "taskfailure", "taskcompletion")
                        .contains(of.uploadOptions.uploadCondition.toLowerCase(Locale.ROOT))) {
                    throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName",
                            "outputFiles.uploadOptions.uploadCondition", "PropertyValue", of.uploadOptions.uploadCondition);
                }
            }
        }
    }

    TaskRecord record(JobRecord job, String taskId) {
        TaskRecord t = job.tasks.get(BatchStore.key(taskId));
        if (t == null) {
            throw BatchErrorCode.TASK_NOT_FOUND.exception();
        }
        return t;
    }

    public CloudTask get(String jobId, String taskId) {
        JobRecord job = jobs.record(jobId);
        return job.locked(() -> Json.copy(record(job, taskId).task, CloudTask.class));
    }

    /**
     * The tasks {@code filter} accepts, from the {@code skip}-th match on, at most {@code max}: only those are copied
     * out of the store, so a page of a job with 100,000 tasks costs the filter's field reads plus the page.
     */
    public ListPage<CloudTask> list(String jobId, Predicate<CloudTask> filter, int skip, int max) {
        JobRecord job = jobs.record(jobId);
        return job.locked(() -> {
            List<CloudTask> page = new ArrayList<>();
            int matched = 0;
            for (TaskRecord t : job.tasks.values()) {
                if (!filter.test(t.task)) {
                    continue;
                }
                if (matched >= skip) {
                    if (page.size() == max) {
                        return new ListPage<>(page, matched);
                    }
                    page.add(Json.copy(t.task, CloudTask.class));
                }
                matched++;
            }
            return new ListPage<>(page, -1);
        });
    }

    public List<CloudTask> list(String jobId) {
        JobRecord job = jobs.record(jobId);
        return job.locked(() -> job.tasks.values().stream().map(t -> Json.copy(t.task, CloudTask.class)).toList());
    }

    /** Ends a running task (it completes once its process tree is gone) or completes an active one at once. */
    public void terminate(String jobId, String taskId) {
        JobRecord job = jobs.record(jobId);
        job.locked(() -> {
            TaskRecord t = record(job, taskId);
            if ("completed".equals(t.task.state)) {
                return;
            }
            if (!scheduler.endRun(Scheduler.taskKey(job.job.id, t.task.id), Scheduler.END_TERMINATE)) {
                TaskRunner.transition(t.task, "completed");
                TaskExecutionInformation ei = t.task.executionInfo == null ? new TaskExecutionInformation()
                        : t.task.executionInfo;
                ei.retryCount = ei.retryCount == null ? 0 : ei.retryCount;
                ei.requeueCount = ei.requeueCount == null ? 0 : ei.requeueCount;
                ei.endTime = t.task.stateTransitionTime;
                ei.result = "failure";
                ei.failureInfo = NodeFailures.endedByUser();
                t.task.executionInfo = ei;
                JobActions.allTasksComplete(scheduler, job);
            }
            LOG.info("job {} task {}: terminate requested", job.job.id, t.task.id);
        });
    }

    /** Replaces the task's constraints (TaskUpdateParameter); a completed task cannot change. */
    public void update(String jobId, String taskId, CloudTask update) {
        if (update == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        if (update.constraints != null) {
            Entities.duration(update.constraints.maxWallClockTime, "constraints.maxWallClockTime");
            Entities.duration(update.constraints.retentionTime, "constraints.retentionTime");
        }
        JobRecord job = jobs.record(jobId);
        job.locked(() -> {
            TaskRecord t = record(job, taskId);
            if ("completed".equals(t.task.state)) {
                throw BatchErrorCode.TASK_COMPLETED.exception();
            }
            t.task.constraints = update.constraints;
            t.task.lastModified = Entities.now();
            t.task.eTag = Entities.newETag();
        });
    }

    /**
     * Makes a failed task eligible to run again: back to active with its retry count reset, as after a fix to
     * whatever made it fail. Only completed tasks whose result is failure, in a job that is still open, qualify.
     */
    public void reactivate(String jobId, String taskId) {
        JobRecord job = jobs.record(jobId);
        job.locked(() -> {
            checkJobAcceptsTasks(job.job);
            TaskRecord t = record(job, taskId);
            TaskExecutionInformation ei = t.task.executionInfo;
            if (!"completed".equals(t.task.state) || ei == null || !"failure".equals(ei.result)) {
                throw BatchErrorCode.TASK_NOT_FAILED.exception("TaskState", t.task.state);
            }
            TaskRunner.transition(t.task, "active");
            ei.retryCount = 0;
            ei.exitCode = null;
            ei.result = null;
            ei.failureInfo = null;
            ei.endTime = null;
            t.dependencySatisfied = false;
            LOG.info("job {} task {}: reactivated", job.job.id, t.task.id);
        });
        scheduler.requestDispatch();
    }

    /** Deletes the directories of completed tasks whose retention time (default 7 days) has passed. */
    public void deleteExpiredTaskFiles() {
        Instant now = Entities.now();
        for (JobRecord job : ctx.store().jobs()) {
            List<java.nio.file.Path> expired = job.locked(() -> {
                List<java.nio.file.Path> dirs = new ArrayList<>();
                for (TaskRecord t : job.tasks.values()) {
                    if (t.filesCleanedUp || !"completed".equals(t.task.state) || t.poolId != null
                            || t.task.nodeInfo == null || t.task.executionInfo == null
                            || t.task.executionInfo.endTime == null) {
                        continue;
                    }
                    Duration retention = t.task.constraints == null || t.task.constraints.retentionTime == null
                            ? DEFAULT_RETENTION : Duration.parse(t.task.constraints.retentionTime);
                    if (now.isAfter(t.task.executionInfo.endTime.plus(retention))) {
                        t.filesCleanedUp = true;
                        dirs.add(ctx.nodesDir().resolve(t.task.nodeInfo.nodeId)
                                .resolve(t.task.nodeInfo.taskRootDirectory));
                    }
                }
                return dirs;
            });
            expired.forEach(Entities::deleteTree);
            if (!expired.isEmpty()) {
                LOG.info("job {}: deleted the files of {} task(s) past their retention time", job.job.id,
                        expired.size());
            }
        }
    }

    /** Removes the task, ending it if it runs, and deletes its files. */
    public void delete(String jobId, String taskId) {
        JobRecord job = jobs.record(jobId);
        job.locked(() -> {
            TaskRecord t = record(job, taskId);
            t.deleted = true;
            job.tasks.remove(BatchStore.key(taskId));
            scheduler.endRun(Scheduler.taskKey(job.job.id, t.task.id), Scheduler.END_DELETE);
            deleteFilesIfIdle(ctx, job.job.id, t);
            JobActions.allTasksComplete(scheduler, job);
            LOG.info("job {} task {}: deleted", job.job.id, t.task.id);
        });
        scheduler.requestDispatch();
    }

    /** Deletes a task's directory unless it is running (then the scheduler deletes it when the run ends). */
    static void deleteFilesIfIdle(ServiceContext ctx, String jobId, TaskRecord t) {
        if (t.poolId == null && t.task.nodeInfo != null) {
            Entities.deleteTree(ctx.nodesDir().resolve(t.task.nodeInfo.nodeId)
                    .resolve(t.task.nodeInfo.taskRootDirectory));
        }
    }

    /** A multi-instance task's subtasks (1 to numberOfInstances - 1) as they ran last; none for other tasks. */
    public List<SubtaskInformation> listSubtasks(String jobId, String taskId) {
        JobRecord job = jobs.record(jobId);
        return job.locked(() -> {
            TaskRecord t = job.tasks.get(BatchStore.key(taskId));
            if (t == null) {
                throw BatchErrorCode.TASK_NOT_FOUND.exception();
            }
            List<SubtaskInformation> list = new ArrayList<>();
            if (t.subtasks != null) {
                t.subtasks.forEach(s -> list.add(Json.copy(s, SubtaskInformation.class)));
            }
            return list;
        });
    }
}
