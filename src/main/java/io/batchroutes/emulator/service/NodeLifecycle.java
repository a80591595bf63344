package io.batchroutes.emulator.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.batchroutes.emulator.model.ApplicationPackageReference;
import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.StartTask;
import io.batchroutes.emulator.model.StartTaskInformation;
import io.batchroutes.emulator.node.RunControl;
import io.batchroutes.emulator.node.RunResult;
import io.batchroutes.emulator.node.RunSpec;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import io.batchroutes.emulator.service.TaskEnvironment.PackageInstallException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's life in its pool: created, booted (its directories, then its start task), taken out of the pool or
 * preempted. Node state lives in the pool's record, guarded by the pool's lock.
 */
final class NodeLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycle.class);
    private static final DateTimeFormatter NODE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ServiceContext ctx;
    private final Runs runs;
    private final TaskEnvironment environment;
    private final Delays delays;
    private final Runnable requestDispatch;
    private final BiConsumer<String, Boolean> forgetPreparations;

    /**
     * @param forgetPreparations called with a node id and whether it was reimaged when it restarts, so that job
     *                           preparation tasks run there again as the service documents
     */
    NodeLifecycle(ServiceContext ctx, Runs runs, TaskEnvironment environment, Delays delays,
            Runnable requestDispatch, BiConsumer<String, Boolean> forgetPreparations) {
        this.ctx = ctx;
        this.runs = runs;
        this.environment = environment;
        this.delays = delays;
        this.requestDispatch = requestDispatch;
        this.forgetPreparations = forgetPreparations;
    }

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
            bootLater(record, nr);
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
        node.startTask = Json.copy(record.pool.startTask, StartTask.class);
        NodeRecord nr = new NodeRecord(node, ctx.nodesDir().resolve(node.id), slots);
        record.nodes.put(node.id, nr);
        bootLater(record, nr);
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

    static void setNodeState(NodeRecord nr, String state) {
        if (!state.equals(nr.node.state)) {
            nr.node.state = state;
            nr.node.stateTransitionTime = Entities.now();
        }
    }

    /** Boots a node in {@code starting} once the configured start-up time has passed; caller holds the pool's lock. */
    private void bootLater(PoolRecord pool, NodeRecord nr) {
        int generation = nr.bootGeneration;
        delays.after(ctx.resizeDuration(), () -> bootGuarded(pool, nr, generation));
    }

    /**
     * The worker's boundary: anything thrown while booting, an Error too, makes the node {@code unusable} with the
     * failure in its errors (as the service shows a node it could not start) and keeps the worker alive; before this a
     * node stayed {@code starting} for ever.
     */
    private void bootGuarded(PoolRecord pool, NodeRecord nr, int generation) {
        try {
            boot(pool, nr, generation);
        } catch (Throwable e) { // an Error too: a node left starting would never take a task nor be reported
            LOG.error("pool {} node {}: boot failed", pool.pool.id, nr.node.id, e);
            pool.locked(() -> {
                if (pool.nodes.get(nr.node.id) == nr && nr.bootGeneration == generation) {
                    nr.node.errors = Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode()
                            .put("code", "NodeBootFailed").put("message", "The emulator could not boot the node: " + e));
                    setNodeState(nr, "unusable");
                }
            });
            requestDispatch.run();
        }
    }

    private void boot(PoolRecord pool, NodeRecord nr, int generation) {
        String label = "pool " + pool.pool.id + " node " + nr.node.id;
        boolean current = pool.locked(() -> pool.nodes.get(nr.node.id) == nr && nr.bootGeneration == generation
                && "starting".equals(nr.node.state));
        if (!current) {
            return; // removed, preempted or restarted again before it booted
        }
        try {
            runs.agent().prepareNode(nr.root);
        } catch (IOException e) {
            LOG.error("{}: cannot create node directory {}: {}", label, nr.root, e.toString());
            pool.locked(() -> setNodeState(nr, "unusable"));
            return;
        }
        List<ApplicationPackageReference> packages = pool.locked(() -> Json.MAPPER.convertValue(
                pool.pool.applicationPackageReferences, new TypeReference<List<ApplicationPackageReference>>() { }));
        Map<String, String> packageEnv;
        try {
            packageEnv = environment.installPackages(packages, nr);
        } catch (PackageInstallException e) {
            LOG.warn("{}: application package deployment failed: {}", label, e.getMessage());
            pool.locked(() -> {
                nr.node.errors = Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode()
                        .put("code", "ApplicationPackageDeploymentFailed").put("message", e.getMessage()));
                setNodeState(nr, "unusable");
            });
            return;
        }
        StartTask startTask = pool.locked(() -> {
            nr.applicationPackageEnvironment.clear();
            nr.applicationPackageEnvironment.putAll(packageEnv);
            nr.node.errors = null;
            return Json.copy(nr.node.startTask, StartTask.class);
        });
        if (startTask == null) {
            pool.locked(() -> setNodeState(nr, "idle"));
            LOG.info("{}: idle", label);
            requestDispatch.run();
            return;
        }
        boolean waitForSuccess = !Boolean.FALSE.equals(startTask.waitForSuccess);
        String runKey = Runs.startKey(nr.node.id);
        RunControl control = new RunControl();
        runs.put(runKey, new Runs.Run(null, control));
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
                requestDispatch.run();
            }
            Path startup = nr.root.resolve("startup");
            Map<String, String> env = environment.base(pool.pool.id, nr, startup, startup.resolve("wd"));
            env.putAll(packageEnv);
            env.putAll(TaskEnvironment.settings(startTask.environmentSettings));
            int maxRetries = startTask.maxTaskRetryCount == null ? 0 : startTask.maxTaskRetryCount;
            RunSpec spec = new RunSpec(label + " start task", startup, startup.resolve("wd"), startTask.commandLine, env,
                    environment.resourceFiles(startTask.resourceFiles), null, null);
            RunResult done = runs.runWithRetries(spec, control, maxRetries, retry -> pool.locked(() -> {
                nr.node.startTaskInfo.retryCount = retry;
                nr.node.startTaskInfo.lastRetryTime = Entities.now();
            }));
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
        requestDispatch.run();
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
            runs.endStartTask(nr.node.id);
            if (option.equals("requeue") || option.equals("terminate")) {
                for (String key : nr.taskKeys) {
                    runs.end(key, option.equals("requeue") ? Scheduler.END_REQUEUE : Scheduler.END_TERMINATE);
                }
            }
            if (nr.usedSlots == 0) {
                record.nodes.remove(nr.node.id);
            }
        }
        refreshNodeCounts(record);
    }

    /**
     * Reboots or reimages a node ({@code kind} "reboot" or "reimage"). With {@code requeue} or {@code terminate} its
     * running tasks are ended at once (requeued, or completed as terminated); with {@code taskcompletion} or
     * {@code retaineddata} they finish first and the node takes no new tasks meanwhile (the emulator does not wait
     * for retention times). Then the node is {@code rebooting}/{@code reimaging}, {@code starting}, and boots: the
     * pool's current start task and application packages apply, a reimage first wipes the node's disk. Caller holds
     * the pool's lock.
     */
    void restart(PoolRecord record, NodeRecord nr, String kind, String option) {
        String how = option == null ? "requeue" : option.toLowerCase(Locale.ROOT);
        nr.pendingRestart = kind;
        if (how.equals("requeue") || how.equals("terminate")) {
            setNodeState(nr, restartState(kind));
            runs.endStartTask(nr.node.id);
            for (String key : List.copyOf(nr.taskKeys)) {
                runs.end(key, how.equals("requeue") ? Scheduler.END_REQUEUE : Scheduler.END_TERMINATE);
            }
        }
        afterSlotsFreed(record, nr);
    }

    /** Called whenever a node's slots were freed (caller holds the pool's lock): a waiting restart begins. */
    void afterSlotsFreed(PoolRecord record, NodeRecord nr) {
        if (nr.pendingRestart == null || nr.usedSlots > 0 || record.nodes.get(nr.node.id) != nr) {
            return;
        }
        String kind = nr.pendingRestart;
        nr.pendingRestart = null;
        setNodeState(nr, restartState(kind));
        runs.endStartTask(nr.node.id);
        int generation = ++nr.bootGeneration;
        LOG.info("pool {} node {}: {}", record.pool.id, nr.node.id, restartState(kind));
        delays.after(ctx.resizeDuration(), () -> comeBack(record, nr, kind, generation));
    }

    private static String restartState(String kind) {
        return kind.equals("reimage") ? "reimaging" : "rebooting";
    }

    /** After the restart period: a reimage wipes the disk; then the node is {@code starting} and boots. */
    private void comeBack(PoolRecord record, NodeRecord nr, String kind, int generation) {
        boolean reimage = kind.equals("reimage");
        if (reimage) {
            Entities.deleteTree(nr.root);
        }
        forgetPreparations.accept(nr.node.id, reimage);
        record.locked(() -> {
            if (record.nodes.get(nr.node.id) != nr || nr.bootGeneration != generation) {
                return;
            }
            ComputeNode n = nr.node;
            n.startTask = Json.copy(record.pool.startTask, StartTask.class);
            n.startTaskInfo = null;
            n.lastBootTime = Entities.now();
            n.errors = null;
            setNodeState(nr, "starting");
            bootLater(record, nr);
        });
    }

    /**
     * Preempts a node as Azure reclaims a spot/low-priority VM: it goes to {@code preempted}, takes no more tasks,
     * and its running tasks are killed and requeued (requeueCount + 1). Caller holds the pool's lock.
     */
    void preempt(NodeRecord nr) {
        setNodeState(nr, "preempted");
        runs.endStartTask(nr.node.id);
        for (String key : List.copyOf(nr.taskKeys)) {
            runs.end(key, Scheduler.END_REQUEUE);
        }
        LOG.info("node {}: preempted, {} task(s) requeued", nr.node.id, nr.taskKeys.size());
    }
}
