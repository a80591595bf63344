package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.ResourceFile;
import io.batchroutes.emulator.node.NodeAgent;
import io.batchroutes.emulator.node.RunControl;
import io.batchroutes.emulator.node.RunResult;
import io.batchroutes.emulator.node.RunSpec;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The emulator's "Batch service side" of nodes and tasks, as the other services see it: node lifecycle
 * ({@link NodeLifecycle}), placement of tasks on node slots ({@link Dispatcher}) and task runs ({@link TaskRunner}),
 * sharing the runs in progress ({@link Runs}). Event-driven: every change that can make a task runnable (task added,
 * slot freed, node ready, dependency completed) asks for one dispatch pass, which a single dispatcher thread runs;
 * the node work itself runs on a bounded pool of workers.
 * <p>
 * Locks: a job's before a pool's, never the reverse.
 */
public final class Scheduler implements AutoCloseable {
    static final String END_TERMINATE = "terminate";
    static final String END_DELETE = "delete";
    static final String END_REQUEUE = "requeue";

    private final ServiceContext ctx;
    private final ExecutorService workers;
    private final ExecutorService dispatcherThread;
    private final ScheduledExecutorService timer;
    private final ExecutorService instanceThreads;
    private final Delays delays;
    private final Runs runs;
    private final TaskEnvironment environment;
    private final JobPreparations preparations;
    private final Dispatcher dispatcher;
    private final NodeLifecycle nodes;

    public Scheduler(ServiceContext ctx, NodeAgent agent, int workerCount) {
        this.ctx = ctx;
        this.workers = Executors.newFixedThreadPool(workerCount, named("batch-emulator-node-worker"));
        this.dispatcherThread = Executors.newSingleThreadExecutor(named("batch-emulator-dispatcher"));
        this.timer = Executors.newSingleThreadScheduledExecutor(named("batch-emulator-timer"));
        this.instanceThreads = Executors.newCachedThreadPool(named("batch-emulator-instance"));
        this.delays = new Delays(timer, workers);
        this.runs = new Runs(agent);
        this.environment = new TaskEnvironment(ctx);
        this.preparations = new JobPreparations(agent, this, workers);
        TaskRunner taskRunner = new TaskRunner(this, runs, environment, new MultiInstanceAttempt(agent, instanceThreads));
        this.dispatcher = new Dispatcher(ctx, runs, taskRunner, dispatcherThread, workers);
        this.nodes = new NodeLifecycle(ctx, runs, environment, delays, this::requestDispatch,
                (nodeId, reimaged) -> preparations.forgetNode(ctx.store().jobs(), nodeId, reimaged));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The key of a task's run and of its slots on a node: {@code job/task}, lower case. */
    static String taskKey(String jobId, String taskId) {
        return BatchStore.key(jobId) + "/" + BatchStore.key(taskId);
    }

    JobPreparations preparations() {
        return preparations;
    }

    PoolRecord pool(String poolId) {
        return poolId == null ? null : ctx.store().pool(poolId);
    }

    /** Asks for a dispatch pass; passes asked for while one is pending coalesce. */
    public void requestDispatch() {
        dispatcher.request();
    }

    /** Ends a task's run, if it has one ({@link #END_TERMINATE}, {@link #END_DELETE}, {@link #END_REQUEUE}). */
    boolean endRun(String taskKey, String how) {
        return runs.end(taskKey, how);
    }

    /** Creates nodes and boots them; the caller holds the pool's lock. */
    void addNodes(PoolRecord record, int dedicated, int lowPriority) {
        nodes.addNodes(record, dedicated, lowPriority);
    }

    /** Brings back a saved node, which then boots like a rebooted one; the caller holds the pool's lock. */
    void restoreNode(PoolRecord record, ComputeNode node) {
        nodes.restoreNode(record, node);
    }

    /** Takes nodes out of the pool ({@link NodeLifecycle#removeNodes}); the caller holds the pool's lock. */
    void removeNodes(PoolRecord record, List<NodeRecord> victims, String deallocationOption) {
        nodes.removeNodes(record, victims, deallocationOption);
    }

    /** Reboots or reimages a node ({@link NodeLifecycle#restart}); the caller holds the pool's lock. */
    void restartNode(PoolRecord record, NodeRecord nr, String kind, String option) {
        nodes.restart(record, nr, kind, option);
    }

    /** A node's slots were freed; a restart waiting for its tasks begins. The caller holds the pool's lock. */
    void afterSlotsFreed(PoolRecord record, NodeRecord nr) {
        nodes.afterSlotsFreed(record, nr);
    }

    /** Runs {@code work} on a worker after {@code delay} (at once when zero). */
    void later(java.time.Duration delay, Runnable work) {
        delays.after(delay, work);
    }

    /** Preempts a node ({@link NodeLifecycle#preempt}); the caller holds the pool's lock. */
    void preempt(NodeRecord nr) {
        nodes.preempt(nr);
    }

    /** See {@link Runs#runWithRetries}. */
    RunResult runWithRetries(RunSpec spec, RunControl control, int maxRetries, IntConsumer onRetry) {
        return runs.runWithRetries(spec, control, maxRetries, onRetry);
    }

    /** See {@link TaskEnvironment#base}. */
    Map<String, String> baseEnvironment(String poolId, NodeRecord node, Path taskDir, Path wd) {
        return environment.base(poolId, node, taskDir, wd);
    }

    /** See {@link TaskEnvironment#resourceFiles}. */
    List<ResourceFile> resourceFiles(List<ResourceFile> files) {
        return environment.resourceFiles(files);
    }

    /** Ends every run (killing process trees) and stops the threads. */
    @Override
    public void close() {
        runs.closeAll();
        timer.shutdownNow();
        instanceThreads.shutdownNow();
        dispatcherThread.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
