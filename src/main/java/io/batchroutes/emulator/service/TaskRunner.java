package io.batchroutes.emulator.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.batchroutes.emulator.model.ApplicationPackageReference;
import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.TaskExecutionInformation;
import io.batchroutes.emulator.model.TaskInformation;
import io.batchroutes.emulator.node.NodeFailures;
import io.batchroutes.emulator.node.RunControl;
import io.batchroutes.emulator.node.RunResult;
import io.batchroutes.emulator.node.RunSpec;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a placed task on its node(s): the job's preparation task first where needed, the task's application packages,
 * then attempts (a multi-instance task's through {@link MultiInstanceAttempt}) until one succeeds,
 * the retries are used up or the task is ended; then records the outcome on the task, the job and the node and frees
 * the node's slots.
 * <p>
 * Locks: a job's before a pool's, never the reverse.
 */
final class TaskRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);
    private static final int RECENT_TASKS = 10;

    private final Scheduler scheduler;
    private final Runs runs;
    private final TaskEnvironment environment;
    private final MultiInstanceAttempt multiInstance;

    TaskRunner(Scheduler scheduler, Runs runs, TaskEnvironment environment, MultiInstanceAttempt multiInstance) {
        this.scheduler = scheduler;
        this.runs = runs;
        this.environment = environment;
        this.multiInstance = multiInstance;
    }

    /** Moves a task to a state, keeping the previous one, with a new ETag. */
    static void transition(CloudTask t, String state) {
        Instant now = Entities.now();
        t.previousState = t.state;
        t.previousStateTransitionTime = t.stateTransitionTime;
        t.state = state;
        t.stateTransitionTime = now;
        t.lastModified = now;
        t.eTag = Entities.newETag();
    }

    /** Runs a placed task on its nodes (one, or a multi-instance task's, the primary's first). */
    void execute(JobRecord job, TaskRecord rec, PoolRecord pool, List<NodeRecord> nodes, String key) {
        NodeRecord node = nodes.get(0);
        RunControl control = runs.get(key).control();
        RunResult result = null;
        try {
            for (NodeRecord n : nodes) {
                if (!scheduler.preparations().prepare(job, pool, n, control) && rec.endRequest == null) {
                    rec.endRequest = Scheduler.END_REQUEUE;
                }
            }
            Map<String, String> packageEnv = new LinkedHashMap<>();
            if (rec.endRequest == null) {
                List<ApplicationPackageReference> packages = job.locked(() -> Json.MAPPER.convertValue(
                        rec.task.applicationPackageReferences, new TypeReference<List<ApplicationPackageReference>>() { }));
                try {
                    packageEnv.putAll(environment.installPackages(packages, node));
                } catch (TaskEnvironment.PackageInstallException e) {
                    Instant now = Entities.now();
                    result = new RunResult(now, now, null, NodeFailures.failure("ApplicationPackageError",
                            "An application package of the task could not be installed", "Message", e.getMessage()),
                            RunResult.Phase.PREPROCESSING);
                }
            }
            boolean packagesFailed = result != null;
            while (!packagesFailed) {
                RunSpec spec = job.locked(() -> {
                    if (rec.endRequest != null || rec.deleted) {
                        return null;
                    }
                    transition(rec.task, "running");
                    rec.task.executionInfo.startTime = Entities.now();
                    return runSpec(job.job, rec.task, pool.pool.id, nodes, 0, packageEnv, false);
                });
                if (spec == null) {
                    break;
                }
                result = nodes.size() > 1 || rec.task.multiInstanceSettings != null
                        ? multiInstance.run(job, rec, nodes, control, spec,
                                i -> job.locked(() -> runSpec(job.job, rec.task, pool.pool.id, nodes, i, packageEnv, true)))
                        : runs.agent().run(spec, control);
                if (result.succeeded() || rec.endRequest != null || rec.deleted || runs.isClosed()) {
                    break;
                }
                int maxRetries = job.locked(() -> maxRetries(job.job, rec.task));
                int retries = rec.task.executionInfo.retryCount;
                if (maxRetries >= 0 && retries >= maxRetries) {
                    break;
                }
                job.locked(() -> {
                    rec.task.executionInfo.retryCount = retries + 1;
                    rec.task.executionInfo.lastRetryTime = Entities.now();
                });
                LOG.info("job {} task {}: retry {} of {}", job.job.id, rec.task.id, retries + 1,
                        maxRetries < 0 ? "unlimited" : maxRetries);
            }
        } catch (Throwable e) { // an Error too: the task must still end (failed) and give its slots back
            LOG.error("job {} task {}: node agent failed", job.job.id, rec.task.id, e);
            Instant now = Entities.now();
            result = new RunResult(now, now, null, NodeFailures.failure("Unknown", "The emulator's node agent failed",
                    "Message", e.toString()), RunResult.Phase.PROCESS);
        } finally {
            runs.remove(key);
        }
        if (result == null) {
            Instant now = Entities.now();
            result = new RunResult(now, now, null, NodeFailures.endedByUser(), RunResult.Phase.PROCESS);
        }
        finishRun(job, rec, pool, nodes, key, result);
    }

    private static int maxRetries(CloudJob job, CloudTask task) {
        if (task.constraints != null && task.constraints.maxTaskRetryCount != null) {
            return task.constraints.maxTaskRetryCount;
        }
        if (job.constraints != null && job.constraints.maxTaskRetryCount != null) {
            return job.constraints.maxTaskRetryCount;
        }
        return 0;
    }

    /**
     * The run of instance {@code index} on {@code nodes.get(index)}: the task's own run on the primary (index 0), or,
     * with {@code coordination}, the instance's coordination command (a subtask runs in {@code <task>/<index>}).
     */
    private RunSpec runSpec(CloudJob job, CloudTask task, String poolId, List<NodeRecord> nodes, int index,
            Map<String, String> packageEnv, boolean coordination) {
        NodeRecord node = nodes.get(index);
        Path sharedDir = taskDir(node, job.id, task.id);
        Path taskDir = index == 0 ? sharedDir : sharedDir.resolve(Integer.toString(index));
        Path wd = taskDir.resolve("wd");
        Map<String, String> env = environment.base(poolId, node, taskDir, wd);
        env.put("AZ_BATCH_JOB_ID", job.id);
        env.put("AZ_BATCH_TASK_ID", task.id);
        if (job.jobPreparationTask != null) {
            env.put("AZ_BATCH_JOB_PREP_DIR", JobPreparations.preparationDir(node, job.id).toString());
            env.put("AZ_BATCH_JOB_PREP_WORKING_DIR", JobPreparations.preparationDir(node, job.id).resolve("wd").toString());
        }
        env.putAll(node.applicationPackageEnvironment);
        if (task.multiInstanceSettings != null) {
            env.putAll(MultiInstanceAttempt.variables(nodes, index, sharedDir));
        }
        if (index == 0) {
            env.putAll(packageEnv);
        }
        env.putAll(TaskEnvironment.settings(job.commonEnvironmentSettings));
        env.putAll(TaskEnvironment.settings(task.environmentSettings));
        Duration wallClock = task.constraints == null ? null
                : Entities.duration(task.constraints.maxWallClockTime, "constraints.maxWallClockTime");
        String label = "job " + job.id + " task " + task.id + (coordination ? " instance " + index : "");
        if (coordination) {
            return new RunSpec(label, taskDir, wd, task.multiInstanceSettings.coordinationCommandLine, env, null, null,
                    wallClock);
        }
        return new RunSpec(label, taskDir, wd, task.commandLine, env, environment.resourceFiles(task.resourceFiles),
                Json.MAPPER.convertValue(task.outputFiles, new TypeReference<>() { }), wallClock);
    }

    private static Path taskDir(NodeRecord node, String jobId, String taskId) {
        return node.root.resolve("workitems").resolve(jobId).resolve("job-1").resolve(taskId);
    }

    private void finishRun(JobRecord job, TaskRecord rec, PoolRecord pool, List<NodeRecord> nodes, String key,
            RunResult result) {
        String how = rec.endRequest;
        TaskInformation recent = job.locked(() -> recordOutcome(job, rec, result, how));
        int slots = rec.task.requiredSlots == null ? 1 : rec.task.requiredSlots;
        pool.locked(() -> nodes.forEach(node -> releaseSlots(pool, node, key, slots, how, result, recent)));
        if (rec.deleted) {
            nodes.forEach(node -> Entities.deleteTree(taskDir(node, job.job.id, rec.task.id)));
        }
        scheduler.requestDispatch();
    }

    /** The task requeued or completed, and what follows for its job; the caller holds the job's lock. */
    private TaskInformation recordOutcome(JobRecord job, TaskRecord rec, RunResult result, String how) {
        CloudTask t = rec.task;
        rec.poolId = null;
        rec.nodeId = null;
        rec.instanceNodeIds = null;
        rec.endRequest = null;
        TaskExecutionInformation ei = t.executionInfo;
        if (Scheduler.END_REQUEUE.equals(how) && !rec.deleted) {
            transition(t, "active");
            ei.requeueCount = ei.requeueCount + 1;
            ei.lastRequeueTime = Entities.now();
            LOG.info("job {} task {}: requeued", job.job.id, t.id);
        } else if (!rec.deleted) {
            transition(t, "completed");
            ei.startTime = result.startTime();
            ei.endTime = result.endTime();
            ei.exitCode = result.exitCode();
            ei.failureInfo = result.failureInfo();
            ei.result = result.result();
            JobActions.afterTaskCompleted(scheduler, job, rec, result, how != null);
            LOG.info("job {} task {}: completed, result {}, exit code {}", job.job.id, t.id, ei.result,
                    ei.exitCode);
        }
        JobActions.completeIfTerminated(scheduler, job);
        JobActions.completeIfDisabled(job);
        TaskInformation ti = new TaskInformation();
        ti.jobId = job.job.id;
        ti.taskId = t.id;
        ti.taskUrl = t.url;
        ti.taskState = t.state;
        ti.executionInfo = Json.copy(ei, TaskExecutionInformation.class);
        return ti;
    }

    /** Frees the task's slots and counts the run on the node; the caller holds the pool's lock. */
    private void releaseSlots(PoolRecord pool, NodeRecord node, String key, int slots, String how,
            RunResult result, TaskInformation recent) {
        node.usedSlots -= slots;
        node.taskKeys.remove(key);
        ComputeNode n = node.node;
        n.runningTasksCount = n.runningTasksCount - 1;
        n.runningTaskSlotsCount = n.runningTaskSlotsCount - slots;
        if (!Scheduler.END_REQUEUE.equals(how)) {
            n.totalTasksRun = n.totalTasksRun + 1;
            if (result.succeeded()) {
                n.totalTasksSucceeded = n.totalTasksSucceeded + 1;
            }
        }
        if (n.recentTasks == null) {
            n.recentTasks = new ArrayList<>();
        }
        n.recentTasks.add(0, recent);
        if (n.recentTasks.size() > RECENT_TASKS) {
            n.recentTasks.remove(RECENT_TASKS);
        }
        if (node.usedSlots == 0) {
            if ("running".equals(n.state)) {
                NodeLifecycle.setNodeState(node, "idle");
            } else if ("leavingpool".equals(n.state)) {
                pool.nodes.remove(n.id);
                NodeLifecycle.refreshNodeCounts(pool);
            }
            scheduler.afterSlotsFreed(pool, node);
        }
    }
}
