package io.batchroutes.emulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.ComputeNodeInformation;
import io.batchroutes.emulator.model.EnvironmentSetting;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.ResourceFile;
import io.batchroutes.emulator.model.StartTask;
import io.batchroutes.emulator.model.StartTaskInformation;
import io.batchroutes.emulator.model.TaskExecutionInformation;
import io.batchroutes.emulator.model.TaskInformation;
import io.batchroutes.emulator.node.NodeAgent;
import io.batchroutes.emulator.node.NodeFailures;
import io.batchroutes.emulator.node.RunControl;
import io.batchroutes.emulator.node.RunResult;
import io.batchroutes.emulator.node.RunSpec;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places active tasks on free node slots and runs them through the node agent. Event-driven: every change that can
 * make a task runnable (task added, slot freed, node ready, dependency completed) asks for one dispatch pass, which a
 * single dispatcher thread runs; the node work itself runs on a bounded pool of workers.
 * <p>
 * Locks: a job's before a pool's, never the reverse.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    static final String END_TERMINATE = "terminate";
    static final String END_DELETE = "delete";
    static final String END_REQUEUE = "requeue";
    private static final int RECENT_TASKS = 10;
    private static final DateTimeFormatter NODE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** A run in progress: a task attempt loop or a start task. */
    private record Run(TaskRecord task, RunControl control) {
    }

    private final ServiceContext ctx;
    private final NodeAgent agent;
    private final ExecutorService workers;
    private final ExecutorService dispatcher;
    private final AtomicBoolean dispatchPending = new AtomicBoolean();
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final JobPreparations preparations;
    private volatile boolean closed;

    public Scheduler(ServiceContext ctx, NodeAgent agent, int workerCount) {
        this.ctx = ctx;
        this.agent = agent;
        this.workers = Executors.newFixedThreadPool(workerCount, named("batch-emulator-node-worker"));
        this.dispatcher = Executors.newSingleThreadExecutor(named("batch-emulator-dispatcher"));
        this.preparations = new JobPreparations(agent, this, workers);
    }

    JobPreparations preparations() {
        return preparations;
    }

    PoolRecord pool(String poolId) {
        return poolId == null ? null : ctx.store().pool(poolId);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static String taskKey(String jobId, String taskId) {
        return BatchStore.key(jobId) + "/" + BatchStore.key(taskId);
    }

    // ---------------------------------------------------------------- nodes

    /** Creates nodes and boots them; the caller holds the pool's lock. */
    void addNodes(PoolRecord record, int dedicated, int lowPriority) {
        CloudPool pool = record.pool;
        int slots = pool.taskSlotsPerNode == null ? 1 : pool.taskSlotsPerNode;
        for (int i = 0; i < dedicated + lowPriority; i++) {
            Instant now = Entities.now();
            int index = record.nodesCreated++;
            String id = "tvm-" + Integer.toUnsignedString(BatchStore.key(pool.id).hashCode()) + "_" + (index + 1)
                    + "-" + NODE_TIME.format(now).toLowerCase(Locale.ROOT);
            ComputeNode node = new ComputeNode();
            node.id = id;
            node.url = ctx.accountUrl().get() + "/pools/" + Entities.encodePath(pool.id) + "/nodes/" + id;
            node.state = "starting";
            node.schedulingState = "enabled";
            node.stateTransitionTime = now;
            node.allocationTime = now;
            node.lastBootTime = now;
            node.ipAddress = "127.0.0.1";
            node.affinityId = "TVM:" + id;
            node.vmSize = pool.vmSize;
            node.totalTasksRun = 0;
            node.totalTasksSucceeded = 0;
            node.runningTasksCount = 0;
            node.runningTaskSlotsCount = 0;
            node.isDedicated = i < dedicated;
            node.startTask = Json.copy(pool.startTask, StartTask.class);
            node.nodeAgentInfo = Json.MAPPER.createObjectNode().put("version", "batch-emulator")
                    .put("lastUpdateTime", now.toString());
            NodeRecord nr = new NodeRecord(node, ctx.nodesDir().resolve(id), slots);
            record.nodes.put(id, nr);
            workers.execute(() -> boot(record, nr));
        }
        refreshNodeCounts(record);
    }

    /** Brings back a saved node, which then boots like a rebooted one; the caller holds the pool's lock. */
    void restoreNode(PoolRecord record, ComputeNode node) {
        int slots = record.pool.taskSlotsPerNode == null ? 1 : record.pool.taskSlotsPerNode;
        node.state = "starting";
        node.stateTransitionTime = Entities.now();
        node.lastBootTime = node.stateTransitionTime;
        node.runningTasksCount = 0;
        node.runningTaskSlotsCount = 0;
        node.startTaskInfo = null;
        node.schedulingState = "enabled";
        NodeRecord nr = new NodeRecord(node, ctx.nodesDir().resolve(node.id), slots);
        record.nodes.put(node.id, nr);
        workers.execute(() -> boot(record, nr));
    }

    static void refreshNodeCounts(PoolRecord record) {
        int dedicated = 0;
        int low = 0;
        for (NodeRecord n : record.nodes.values()) {
            if (Boolean.TRUE.equals(n.node.isDedicated)) {
                dedicated++;
            } else {
                low++;
            }
        }
        record.pool.currentDedicatedNodes = dedicated;
        record.pool.currentLowPriorityNodes = low;
    }

    private void boot(PoolRecord pool, NodeRecord nr) {
        String label = "pool " + pool.pool.id + " node " + nr.node.id;
        try {
            agent.prepareNode(nr.root);
        } catch (IOException e) {
            LOG.error("{}: cannot create node directory {}: {}", label, nr.root, e.toString());
            pool.locked(() -> setNodeState(nr, "unusable"));
            return;
        }
        StartTask startTask = pool.locked(() -> Json.copy(pool.pool.startTask, StartTask.class));
        if (startTask == null) {
            pool.locked(() -> setNodeState(nr, "idle"));
            LOG.info("{}: idle", label);
            requestDispatch();
            return;
        }
        boolean waitForSuccess = !Boolean.FALSE.equals(startTask.waitForSuccess);
        String runKey = "start:" + nr.node.id;
        RunControl control = new RunControl();
        runs.put(runKey, new Run(null, control));
        try {
            pool.locked(() -> {
                StartTaskInformation info = new StartTaskInformation();
                info.state = "running";
                info.startTime = Entities.now();
                info.retryCount = 0;
                nr.node.startTaskInfo = info;
                setNodeState(nr, waitForSuccess ? "waitingforstarttask" : "idle");
            });
            if (!waitForSuccess) {
                requestDispatch();
            }
            Path startup = nr.root.resolve("startup");
            Map<String, String> env = baseEnvironment(pool.pool.id, nr, startup, startup.resolve("wd"));
            env.putAll(settings(startTask.environmentSettings));
            int maxRetries = startTask.maxTaskRetryCount == null ? 0 : startTask.maxTaskRetryCount;
            RunSpec spec = new RunSpec(label + " start task", startup, startup.resolve("wd"), startTask.commandLine, env,
                    resourceFiles(startTask.resourceFiles), null, null);
            RunResult result = runWithRetries(spec, control, maxRetries, retry -> pool.locked(() -> {
                nr.node.startTaskInfo.retryCount = retry;
                nr.node.startTaskInfo.lastRetryTime = Entities.now();
            }));
            RunResult done = result;
            pool.locked(() -> {
                StartTaskInformation info = nr.node.startTaskInfo;
                info.state = "completed";
                info.startTime = done.startTime();
                info.endTime = done.endTime();
                info.exitCode = done.exitCode();
                info.failureInfo = done.failureInfo();
                info.result = done.result();
                if (waitForSuccess && "waitingforstarttask".equals(nr.node.state)) {
                    setNodeState(nr, done.succeeded() ? "idle" : "starttaskfailed");
                }
            });
            LOG.info("{}: start task {} (exit code {})", label, done.succeeded() ? "succeeded" : "failed",
                    done.exitCode());
        } finally {
            runs.remove(runKey);
        }
        requestDispatch();
    }

    /**
     * Runs a start or preparation task until it succeeds, is ended, or has used {@code maxRetries} retries (-1:
     * unlimited); {@code onRetry} records each retry's number before it runs.
     */
    RunResult runWithRetries(RunSpec spec, RunControl control, int maxRetries, IntConsumer onRetry) {
        int retries = 0;
        while (true) {
            RunResult result = agent.run(spec, control);
            if (result.succeeded() || control.isEnded() || closed || (maxRetries >= 0 && retries >= maxRetries)) {
                return result;
            }
            retries++;
            onRetry.accept(retries);
        }
    }

    private static void setNodeState(NodeRecord nr, String state) {
        if (!state.equals(nr.node.state)) {
            nr.node.state = state;
            nr.node.stateTransitionTime = Entities.now();
        }
    }

    /**
     * Takes nodes out of the pool. Their running tasks are requeued or terminated at once (option requeue, terminate)
     * or allowed to finish (taskcompletion, retaineddata); the node leaves when its last task is done. Caller holds
     * the pool's lock.
     */
    void removeNodes(PoolRecord record, List<NodeRecord> nodes, String deallocationOption) {
        String option = deallocationOption == null ? "requeue" : deallocationOption.toLowerCase(Locale.ROOT);
        for (NodeRecord nr : nodes) {
            nr.node.schedulingState = "disabled";
            setNodeState(nr, "leavingpool");
            Run start = runs.get("start:" + nr.node.id);
            if (start != null) {
                start.control().end();
            }
            if (option.equals("requeue") || option.equals("terminate")) {
                for (String key : nr.taskKeys) {
                    endRun(key, option.equals("requeue") ? END_REQUEUE : END_TERMINATE);
                }
            }
            if (nr.usedSlots == 0) {
                record.nodes.remove(nr.node.id);
            }
        }
        refreshNodeCounts(record);
    }

    /**
     * Preempts a node as Azure reclaims a spot/low-priority VM: it goes to {@code preempted}, takes no more tasks,
     * and its running tasks are killed and requeued (requeueCount + 1). Caller holds the pool's lock.
     */
    void preempt(NodeRecord nr) {
        setNodeState(nr, "preempted");
        Run start = runs.get("start:" + nr.node.id);
        if (start != null) {
            start.control().end();
        }
        for (String key : List.copyOf(nr.taskKeys)) {
            endRun(key, END_REQUEUE);
        }
        LOG.info("node {}: preempted, {} task(s) requeued", nr.node.id, nr.taskKeys.size());
    }

    // ---------------------------------------------------------------- tasks

    /** Ends a task's run, if it has one; returns whether it had. */
    boolean endRun(String taskKey, String how) {
        Run run = runs.get(taskKey);
        if (run == null) {
            return false;
        }
        if (run.task() != null) {
            run.task().endRequest = how;
        }
        run.control().end();
        return true;
    }

    /** Asks for a dispatch pass; passes asked for while one is pending coalesce. */
    public void requestDispatch() {
        if (!closed && dispatchPending.compareAndSet(false, true)) {
            try {
                dispatcher.execute(this::dispatch);
            } catch (RuntimeException e) {
                dispatchPending.set(false);
            }
        }
    }

    private void dispatch() {
        dispatchPending.set(false);
        try {
            List<JobRecord> jobs = new ArrayList<>(ctx.store().jobs());
            jobs.sort(Comparator.comparingInt((JobRecord j) -> -priority(j.job)).thenComparingLong(j -> j.sequence));
            for (JobRecord job : jobs) {
                String poolId = job.locked(() -> job.job.poolInfo == null ? null : job.job.poolInfo.poolId);
                PoolRecord pool = poolId == null ? null : ctx.store().pool(poolId);
                if (pool != null) {
                    dispatchJob(job, pool);
                }
            }
        } catch (Throwable e) { // an Error too: the next dispatch pass must still run
            LOG.error("dispatch failed", e);
        }
    }

    private static int priority(CloudJob job) {
        return job.priority == null ? 0 : job.priority;
    }

    private void dispatchJob(JobRecord job, PoolRecord pool) {
        job.locked(() -> {
            if (!"active".equals(job.job.state) || closed) {
                return;
            }
            int limit = job.job.maxParallelTasks == null || job.job.maxParallelTasks < 0
                    ? Integer.MAX_VALUE : job.job.maxParallelTasks;
            int inFlight = limit == Integer.MAX_VALUE ? 0
                    : (int) job.tasks.values().stream().filter(t -> t.poolId != null).count();
            Set<String> blocked = new HashSet<>();
            job.nodeRuns.keySet().stream().filter(id -> JobPreparations.blocksNode(job, id)).forEach(blocked::add);
            int free = pool.locked(() -> freeSlots(pool));
            for (TaskRecord rec : job.tasks.values()) {
                if (inFlight >= limit || free <= 0) {
                    return;
                }
                if (!"active".equals(rec.task.state) || rec.poolId != null || !dependenciesSatisfied(job, rec.task)) {
                    continue;
                }
                int slots = rec.task.requiredSlots == null ? 1 : rec.task.requiredSlots;
                String key = taskKey(job.job.id, rec.task.id);
                NodeRecord node = pool.locked(() -> reserve(pool, slots, key, blocked));
                if (node == null) {
                    continue;
                }
                inFlight++;
                free -= slots;
                CloudTask t = rec.task;
                transition(t, "preparing");
                ComputeNodeInformation ni = new ComputeNodeInformation();
                ni.poolId = pool.pool.id;
                ni.nodeId = node.node.id;
                ni.nodeUrl = node.node.url;
                ni.affinityId = node.node.affinityId;
                ni.taskRootDirectory = "workitems/" + job.job.id + "/job-1/" + t.id;
                ni.taskRootDirectoryUrl = node.node.url + "/files/" + ni.taskRootDirectory;
                t.nodeInfo = ni;
                if (t.executionInfo == null) {
                    t.executionInfo = new TaskExecutionInformation();
                    t.executionInfo.retryCount = 0;
                    t.executionInfo.requeueCount = 0;
                }
                rec.poolId = pool.pool.id;
                rec.nodeId = node.node.id;
                rec.endRequest = null;
                runs.put(key, new Run(rec, new RunControl()));
                LOG.debug("job {} task {}: scheduled on node {}", job.job.id, t.id, node.node.id);
                workers.execute(() -> execute(job, rec, pool, node, key));
            }
        });
    }

    /** Free slots on the nodes that take tasks: a pass over a job's tasks stops once there are none. */
    private static int freeSlots(PoolRecord pool) {
        if (!"active".equals(pool.pool.state)) {
            return 0;
        }
        int free = 0;
        for (NodeRecord n : pool.nodes.values()) {
            if (("idle".equals(n.node.state) || "running".equals(n.node.state))
                    && "enabled".equals(n.node.schedulingState)) {
                free += n.freeSlots();
            }
        }
        return free;
    }

    /**
     * Finds a node with enough free slots (spread, or pack when the pool asks), other than the excluded ones (where
     * the job's preparation task failed), and reserves them.
     */
    private NodeRecord reserve(PoolRecord pool, int slots, String key, Set<String> excludedNodes) {
        if (!"active".equals(pool.pool.state)) {
            return null;
        }
        boolean pack = false;
        JsonNode policy = pool.pool.taskSchedulingPolicy;
        if (policy != null && policy.has("nodeFillType")) {
            pack = "pack".equalsIgnoreCase(policy.get("nodeFillType").asText());
        }
        NodeRecord best = null;
        for (NodeRecord n : pool.nodes.values()) {
            boolean ready = ("idle".equals(n.node.state) || "running".equals(n.node.state))
                    && "enabled".equals(n.node.schedulingState);
            if (!ready || n.freeSlots() < slots || excludedNodes.contains(n.node.id)) {
                continue;
            }
            if (best == null || (pack ? n.freeSlots() < best.freeSlots() : n.freeSlots() > best.freeSlots())) {
                best = n;
            }
        }
        if (best != null) {
            best.usedSlots += slots;
            best.taskKeys.add(key);
            best.node.runningTasksCount = best.node.runningTasksCount + 1;
            best.node.runningTaskSlotsCount = best.node.runningTaskSlotsCount + slots;
            setNodeState(best, "running");
        }
        return best;
    }

    private static boolean dependenciesSatisfied(JobRecord job, CloudTask task) {
        if (task.dependsOn == null) {
            return true;
        }
        List<String> ids = new ArrayList<>();
        if (task.dependsOn.taskIds != null) {
            ids.addAll(task.dependsOn.taskIds);
        }
        if (task.dependsOn.taskIdRanges != null) {
            for (var range : task.dependsOn.taskIdRanges) {
                for (int i = range.start; i <= range.end; i++) {
                    ids.add(Integer.toString(i));
                }
            }
        }
        for (String id : ids) {
            TaskRecord parent = job.tasks.get(BatchStore.key(id));
            if (parent == null || !"completed".equals(parent.task.state) || !parent.dependencySatisfied) {
                return false;
            }
        }
        return true;
    }

    static void transition(CloudTask t, String state) {
        Instant now = Entities.now();
        t.previousState = t.state;
        t.previousStateTransitionTime = t.stateTransitionTime;
        t.state = state;
        t.stateTransitionTime = now;
        t.lastModified = now;
        t.eTag = Entities.newETag();
    }

    private void execute(JobRecord job, TaskRecord rec, PoolRecord pool, NodeRecord node, String key) {
        RunControl control = runs.get(key).control();
        RunResult result = null;
        try {
            if (!preparations.prepare(job, pool, node, control) && rec.endRequest == null) {
                rec.endRequest = END_REQUEUE;
            }
            while (true) {
                RunSpec spec = job.locked(() -> {
                    if (rec.endRequest != null || rec.deleted) {
                        return null;
                    }
                    transition(rec.task, "running");
                    rec.task.executionInfo.startTime = Entities.now();
                    return runSpec(job.job, rec.task, pool.pool.id, node);
                });
                if (spec == null) {
                    break;
                }
                result = agent.run(spec, control);
                if (result.succeeded() || rec.endRequest != null || rec.deleted || closed) {
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
        finishRun(job, rec, pool, node, key, result);
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

    private RunSpec runSpec(CloudJob job, CloudTask task, String poolId, NodeRecord node) {
        Path taskDir = node.root.resolve("workitems").resolve(job.id).resolve("job-1").resolve(task.id);
        Path wd = taskDir.resolve("wd");
        Map<String, String> env = baseEnvironment(poolId, node, taskDir, wd);
        env.put("AZ_BATCH_JOB_ID", job.id);
        env.put("AZ_BATCH_TASK_ID", task.id);
        if (job.jobPreparationTask != null) {
            env.put("AZ_BATCH_JOB_PREP_DIR", JobPreparations.preparationDir(node, job.id).toString());
            env.put("AZ_BATCH_JOB_PREP_WORKING_DIR", JobPreparations.preparationDir(node, job.id).resolve("wd").toString());
        }
        env.putAll(settings(job.commonEnvironmentSettings));
        env.putAll(settings(task.environmentSettings));
        Duration wallClock = task.constraints == null ? null
                : Entities.duration(task.constraints.maxWallClockTime, "constraints.maxWallClockTime");
        return new RunSpec("job " + job.id + " task " + task.id, taskDir, wd, task.commandLine, env,
                resourceFiles(task.resourceFiles),
                Json.MAPPER.convertValue(task.outputFiles, new com.fasterxml.jackson.core.type.TypeReference<>() { }),
                wallClock);
    }

    /** A copy of the resource files, with auto-storage containers turned into SAS URLs of the linked account. */
    List<ResourceFile> resourceFiles(List<ResourceFile> files) {
        if (files == null) {
            return null;
        }
        List<ResourceFile> copy = new ArrayList<>();
        for (ResourceFile rf : files) {
            ResourceFile c = Json.copy(rf, ResourceFile.class);
            if (c.autoStorageContainerName != null && ctx.autoStorage() != null) {
                c.storageContainerUrl = ctx.autoStorage().containerUrl(c.autoStorageContainerName);
                c.autoStorageContainerName = null;
            }
            copy.add(c);
        }
        return copy;
    }

    Map<String, String> baseEnvironment(String poolId, NodeRecord node, Path taskDir, Path wd) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AZ_BATCH_ACCOUNT_NAME", ctx.accountName());
        env.put("AZ_BATCH_ACCOUNT_URL", ctx.accountUrl().get());
        env.put("AZ_BATCH_POOL_ID", poolId);
        env.put("AZ_BATCH_NODE_ID", node.node.id);
        env.put("AZ_BATCH_NODE_IS_DEDICATED", String.valueOf(Boolean.TRUE.equals(node.node.isDedicated)));
        env.put("AZ_BATCH_NODE_ROOT_DIR", node.root.toString());
        env.put("AZ_BATCH_NODE_SHARED_DIR", node.root.resolve("shared").toString());
        env.put("AZ_BATCH_NODE_STARTUP_DIR", node.root.resolve("startup").toString());
        env.put("AZ_BATCH_NODE_MOUNTS_DIR", node.root.resolve("fsmounts").toString());
        env.put("AZ_BATCH_TASK_DIR", taskDir.toString());
        env.put("AZ_BATCH_TASK_WORKING_DIR", wd.toString());
        return env;
    }

    static Map<String, String> settings(List<EnvironmentSetting> settings) {
        Map<String, String> map = new LinkedHashMap<>();
        if (settings != null) {
            for (EnvironmentSetting s : settings) {
                if (s.name != null) {
                    map.put(s.name, s.value == null ? "" : s.value);
                }
            }
        }
        return map;
    }

    private void finishRun(JobRecord job, TaskRecord rec, PoolRecord pool, NodeRecord node, String key,
            RunResult result) {
        String how = rec.endRequest;
        TaskInformation recent = job.locked(() -> {
            CloudTask t = rec.task;
            rec.poolId = null;
            rec.nodeId = null;
            rec.endRequest = null;
            TaskExecutionInformation ei = t.executionInfo;
            if (END_REQUEUE.equals(how) && !rec.deleted) {
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
                JobActions.afterTaskCompleted(this, job, rec, result, how != null);
                LOG.info("job {} task {}: completed, result {}, exit code {}", job.job.id, t.id, ei.result,
                        ei.exitCode);
            }
            JobActions.completeIfTerminated(this, job);
            JobActions.completeIfDisabled(job);
            TaskInformation ti = new TaskInformation();
            ti.jobId = job.job.id;
            ti.taskId = t.id;
            ti.taskUrl = t.url;
            ti.taskState = t.state;
            ti.executionInfo = Json.copy(ei, TaskExecutionInformation.class);
            return ti;
        });
        int slots = rec.task.requiredSlots == null ? 1 : rec.task.requiredSlots;
        pool.locked(() -> {
            node.usedSlots -= slots;
            node.taskKeys.remove(key);
            ComputeNode n = node.node;
            n.runningTasksCount = n.runningTasksCount - 1;
            n.runningTaskSlotsCount = n.runningTaskSlotsCount - slots;
            if (!END_REQUEUE.equals(how)) {
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
                    setNodeState(node, "idle");
                } else if ("leavingpool".equals(n.state)) {
                    pool.nodes.remove(n.id);
                    refreshNodeCounts(pool);
                }
            }
        });
        if (rec.deleted) {
            deleteTree(node.root.resolve("workitems").resolve(job.job.id).resolve("job-1").resolve(rec.task.id));
        }
        requestDispatch();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("could not delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    /** Ends every run (killing process trees) and stops the threads. */
    @Override
    public void close() {
        closed = true;
        runs.values().forEach(r -> r.control().end());
        dispatcher.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
