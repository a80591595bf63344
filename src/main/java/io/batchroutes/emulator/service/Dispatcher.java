package io.batchroutes.emulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.ComputeNodeInformation;
import io.batchroutes.emulator.model.TaskExecutionInformation;
import io.batchroutes.emulator.node.RunControl;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places active tasks on free node slots: jobs by priority, then age; within a job, tasks in order, honouring
 * {@code maxParallelTasks}, dependencies, required slots, the pool's fill type and nodes where the job's preparation
 * failed. Passes run on one thread; a placed task is handed to the {@link TaskRunner} on a worker.
 */
final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final ServiceContext ctx;
    private final Runs runs;
    private final TaskRunner taskRunner;
    private final ExecutorService thread;
    private final Executor workers;
    private final AtomicBoolean pending = new AtomicBoolean();

    Dispatcher(ServiceContext ctx, Runs runs, TaskRunner taskRunner, ExecutorService thread, Executor workers) {
        this.ctx = ctx;
        this.runs = runs;
        this.taskRunner = taskRunner;
        this.thread = thread;
        this.workers = workers;
    }

    /** Asks for a dispatch pass; passes asked for while one is pending coalesce. */
    void request() {
        if (!runs.isClosed() && pending.compareAndSet(false, true)) {
            try {
                thread.execute(this::dispatch);
            } catch (RuntimeException e) {
                pending.set(false);
            }
        }
    }

    private void dispatch() {
        pending.set(false);
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
            if (!"active".equals(job.job.state) || runs.isClosed()) {
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
                String key = Scheduler.taskKey(job.job.id, rec.task.id);
                int instances = MultiInstanceAttempt.instanceCount(rec.task);
                if (rec.task.multiInstanceSettings != null && !multiInstancePool(pool)) {
                    continue; // the service documents that such a task stays active
                }
                List<NodeRecord> nodes = pool.locked(() -> reserve(pool, instances, slots, key,
                        JobManagers.excludedNodes(job.job, rec.task.id, pool, blocked)));
                if (nodes == null) {
                    continue;
                }
                inFlight++;
                free -= slots * instances;
                place(job, rec, pool, nodes, key);
            }
        });
    }

    /** Multi-instance tasks need inter-node communication and one task slot per node. */
    private static boolean multiInstancePool(PoolRecord pool) {
        return pool.locked(() -> Boolean.TRUE.equals(pool.pool.enableInterNodeCommunication)
                && Integer.valueOf(1).equals(pool.pool.taskSlotsPerNode));
    }

    /** Records the placement on the task and starts its run; the caller holds the job's lock. */
    private void place(JobRecord job, TaskRecord rec, PoolRecord pool, List<NodeRecord> nodes, String key) {
        NodeRecord node = nodes.get(0);
        CloudTask t = rec.task;
        TaskRunner.transition(t, "preparing");
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
        rec.instanceNodeIds = t.multiInstanceSettings == null ? null : nodes.stream().map(n -> n.node.id).toList();
        rec.endRequest = null;
        runs.put(key, new Runs.Run(rec, new RunControl()));
        LOG.debug("job {} task {}: scheduled on node {}", job.job.id, t.id, node.node.id);
        workers.execute(() -> taskRunner.execute(job, rec, pool, nodes, key));
    }

    /** Free slots on the nodes that take tasks: a pass over a job's tasks stops once there are none. */
    private static int freeSlots(PoolRecord pool) {
        if (!"active".equals(pool.pool.state)) {
            return 0;
        }
        int free = 0;
        for (NodeRecord n : pool.nodes.values()) {
            if (takesTasks(n)) {
                free += n.freeSlots();
            }
        }
        return free;
    }

    private static boolean takesTasks(NodeRecord n) {
        return ("idle".equals(n.node.state) || "running".equals(n.node.state))
                && "enabled".equals(n.node.schedulingState) && n.pendingRestart == null;
    }

    /**
     * Finds {@code count} distinct nodes with enough free slots (spread: the emptiest first, or pack when the pool
     * asks), other than the excluded ones (where the job's preparation task failed), and reserves them; null when
     * there are not enough.
     */
    private static List<NodeRecord> reserve(PoolRecord pool, int count, int slots, String key,
            Set<String> excludedNodes) {
        if (!"active".equals(pool.pool.state)) {
            return null;
        }
        boolean pack = false;
        JsonNode policy = pool.pool.taskSchedulingPolicy;
        if (policy != null && policy.has("nodeFillType")) {
            pack = "pack".equalsIgnoreCase(policy.get("nodeFillType").asText());
        }
        List<NodeRecord> candidates = new ArrayList<>();
        for (NodeRecord n : pool.nodes.values()) {
            if (takesTasks(n) && n.freeSlots() >= slots && !excludedNodes.contains(n.node.id)) {
                candidates.add(n);
            }
        }
        if (candidates.size() < count) {
            return null;
        }
        Comparator<NodeRecord> byFree = Comparator.comparingInt(NodeRecord::freeSlots);
        candidates.sort(pack ? byFree : byFree.reversed()); // stable: equal nodes keep pool order
        List<NodeRecord> chosen = candidates.subList(0, count);
        for (NodeRecord best : chosen) {
            best.usedSlots += slots;
            best.taskKeys.add(key);
            best.node.runningTasksCount = best.node.runningTasksCount + 1;
            best.node.runningTaskSlotsCount = best.node.runningTaskSlotsCount + slots;
            NodeLifecycle.setNodeState(best, "running");
        }
        return List.copyOf(chosen);
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
}
