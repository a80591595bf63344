package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.AutoScaleRun;
import io.batchroutes.emulator.model.BatchError;
import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.ErrorMessage;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.NodeCounts;
import io.batchroutes.emulator.model.PoolAutoScaleParameter;
import io.batchroutes.emulator.model.PoolNodeCounts;
import io.batchroutes.emulator.model.PoolResizeParameter;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pools and their nodes: each pool gets {@code targetDedicatedNodes + targetLowPriorityNodes} local nodes at once,
 * set by hand (resize) or by an autoscale formula evaluated at enable time and then every evaluation interval.
 */
public final class PoolService {
    private static final Logger LOG = LoggerFactory.getLogger(PoolService.class);
    private static final int MAX_NODES = 64;
    private static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofMinutes(15);
    private static final Duration MAX_EVALUATION_INTERVAL = Duration.ofHours(168);

    private final ServiceContext ctx;
    private final Scheduler scheduler;

    public PoolService(ServiceContext ctx, Scheduler scheduler) {
        this.ctx = ctx;
        this.scheduler = scheduler;
    }

    public void add(CloudPool p) {
        if (p == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        Entities.requireId(p.id, "id");
        Entities.require(p.vmSize, "vmSize");
        Containers.check(p);
        boolean autoScale = Boolean.TRUE.equals(p.enableAutoScale);
        AutoScaleFormula formula = null;
        if (autoScale) {
            if (p.targetDedicatedNodes != null || p.targetLowPriorityNodes != null) {
                throw BatchErrorCode.INVALID_PROPERTY_VALUE.exceptionWithMessage(
                        "targetDedicatedNodes and targetLowPriorityNodes must not be given when enableAutoScale is true.",
                        "PropertyName", "targetDedicatedNodes");
            }
            Entities.require(p.autoScaleFormula, "autoScaleFormula");
            formula = parseFormula(p.autoScaleFormula);
            p.autoScaleEvaluationInterval = evaluationInterval(p.autoScaleEvaluationInterval).toString();
        } else {
            p.autoScaleFormula = null;
            p.autoScaleEvaluationInterval = null;
        }
        int dedicated = p.targetDedicatedNodes == null ? 0 : p.targetDedicatedNodes;
        int low = p.targetLowPriorityNodes == null ? 0 : p.targetLowPriorityNodes;
        checkNodeCounts(dedicated, low);
        int slots = p.taskSlotsPerNode == null ? 1 : p.taskSlotsPerNode;
        if (slots < 1 || slots > 256) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", "taskSlotsPerNode",
                    "PropertyValue", String.valueOf(slots));
        }
        if (p.startTask != null) {
            Entities.require(p.startTask.commandLine, "startTask.commandLine");
        }
        Instant now = Entities.now();
        p.url = ctx.accountUrl().get() + "/pools/" + Entities.encodePath(p.id);
        p.eTag = Entities.newETag();
        p.lastModified = now;
        p.creationTime = now;
        p.state = "active";
        p.stateTransitionTime = now;
        p.allocationState = "steady";
        p.allocationStateTransitionTime = now;
        p.targetDedicatedNodes = dedicated;
        p.targetLowPriorityNodes = low;
        p.taskSlotsPerNode = slots;
        p.enableAutoScale = autoScale;
        p.currentDedicatedNodes = 0;
        p.currentLowPriorityNodes = 0;
        if (p.resizeTimeout == null) {
            p.resizeTimeout = "PT15M";
        }
        PoolRecord record = new PoolRecord(ctx.store().nextSequence(), p);
        AutoScaleFormula finalFormula = formula;
        record.locked(() -> {
            PoolRecord existing = ctx.store().addPool(record);
            if (existing != null) {
                boolean deleting = existing.locked(() -> "deleting".equals(existing.pool.state));
                throw (deleting ? BatchErrorCode.POOL_BEING_DELETED : BatchErrorCode.POOL_EXISTS).exception();
            }
            if (finalFormula != null) {
                applyAutoScale(record, finalFormula, new AutoScaleFormula.Inputs(0, 0, 0, 0, 0, 0, 0, 0));
            } else {
                scheduler.addNodes(record, dedicated, low);
            }
        });
        LOG.info("pool {}: created with {} dedicated + {} low-priority node(s), {} slot(s) each{}", p.id,
                p.targetDedicatedNodes, p.targetLowPriorityNodes, slots, autoScale ? " (autoscale)" : "");
    }

    private static void checkNodeCounts(int dedicated, int low) {
        if (dedicated < 0 || low < 0 || dedicated + low > MAX_NODES) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exceptionWithMessage(
                    "The emulator runs at most " + MAX_NODES + " local nodes per pool.",
                    "PropertyName", "targetDedicatedNodes", "PropertyValue", dedicated + "+" + low);
        }
    }

    PoolRecord record(String poolId) {
        PoolRecord r = ctx.store().pool(poolId);
        if (r == null) {
            throw BatchErrorCode.POOL_NOT_FOUND.exception();
        }
        return r;
    }

    public CloudPool get(String poolId) {
        PoolRecord r = record(poolId);
        return r.locked(() -> Json.copy(r.pool, CloudPool.class));
    }

    public boolean exists(String poolId) {
        return ctx.store().pool(poolId) != null;
    }

    public List<CloudPool> list() {
        return ctx.store().pools().stream().map(r -> r.locked(() -> Json.copy(r.pool, CloudPool.class))).toList();
    }

    /** Marks the pool deleting, requeues the tasks running on it and removes it. */
    public void delete(String poolId) {
        PoolRecord r = record(poolId);
        r.locked(() -> {
            if ("deleting".equals(r.pool.state)) {
                return;
            }
            r.pool.state = "deleting";
            r.pool.stateTransitionTime = Entities.now();
            scheduler.removeNodes(r, new ArrayList<>(r.nodes.values()), "requeue");
        });
        Deletions.later(ctx, () -> ctx.store().removePool(r));
        LOG.info("pool {}: deleted", r.pool.id);
        scheduler.requestDispatch();
    }

    public void resize(String poolId, PoolResizeParameter resize) {
        if (resize == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        PoolRecord r = record(poolId);
        r.locked(() -> {
            if ("deleting".equals(r.pool.state)) {
                throw BatchErrorCode.POOL_BEING_DELETED.exception();
            }
            if (Boolean.TRUE.equals(r.pool.enableAutoScale)) {
                throw BatchErrorCode.OPERATION_INVALID_FOR_CURRENT_STATE.exceptionWithMessage(
                        "The pool has autoscale enabled; disable it before resizing.", "PoolId", r.pool.id);
            }
            int dedicated = resize.targetDedicatedNodes == null ? r.pool.targetDedicatedNodes : resize.targetDedicatedNodes;
            int low = resize.targetLowPriorityNodes == null ? r.pool.targetLowPriorityNodes : resize.targetLowPriorityNodes;
            checkNodeCounts(dedicated, low);
            r.pool.targetDedicatedNodes = dedicated;
            r.pool.targetLowPriorityNodes = low;
            r.pool.lastModified = Entities.now();
            r.pool.eTag = Entities.newETag();
            resizeKind(r, true, dedicated, resize.nodeDeallocationOption);
            resizeKind(r, false, low, resize.nodeDeallocationOption);
        });
        LOG.info("pool {}: resized to {} dedicated + {} low-priority node(s)", r.pool.id, r.pool.targetDedicatedNodes,
                r.pool.targetLowPriorityNodes);
        scheduler.requestDispatch();
    }

    private void resizeKind(PoolRecord r, boolean dedicated, int target, String deallocationOption) {
        List<NodeRecord> current = r.nodes.values().stream()
                .filter(n -> Boolean.TRUE.equals(n.node.isDedicated) == dedicated)
                .filter(n -> !"leavingpool".equals(n.node.state)).toList();
        if (target > current.size()) {
            int add = target - current.size();
            scheduler.addNodes(r, dedicated ? add : 0, dedicated ? 0 : add);
        } else if (target < current.size()) {
            List<NodeRecord> victims = current.stream()
                    .sorted(Comparator.comparingInt((NodeRecord n) -> n.usedSlots)).limit(current.size() - target)
                    .toList();
            scheduler.removeNodes(r, victims, deallocationOption);
        }
    }

    public List<ComputeNode> listNodes(String poolId) {
        PoolRecord r = record(poolId);
        return r.locked(() -> r.nodes.values().stream().map(n -> Json.copy(n.node, ComputeNode.class)).toList());
    }

    public ComputeNode getNode(String poolId, String nodeId) {
        PoolRecord r = record(poolId);
        return r.locked(() -> {
            NodeRecord n = r.nodes.get(nodeId);
            if (n == null) {
                throw BatchErrorCode.NODE_NOT_FOUND.exception();
            }
            return Json.copy(n.node, ComputeNode.class);
        });
    }

    // ---------------------------------------------------------------- autoscale

    private static AutoScaleFormula parseFormula(String text) {
        try {
            return AutoScaleFormula.parse(text);
        } catch (AutoScaleFormula.SyntaxError e) {
            throw BatchErrorCode.AUTOSCALE_FORMULA_SYNTAX_ERROR.exceptionWithMessage(e.getMessage());
        }
    }

    private Duration evaluationInterval(String value) {
        Duration interval = value == null ? DEFAULT_EVALUATION_INTERVAL
                : Entities.duration(value, "autoScaleEvaluationInterval");
        if (interval.compareTo(ctx.autoScaleMinInterval()) < 0 || interval.compareTo(MAX_EVALUATION_INTERVAL) > 0) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exceptionWithMessage("autoScaleEvaluationInterval must be "
                    + "between " + ctx.autoScaleMinInterval() + " and " + MAX_EVALUATION_INTERVAL + ".",
                    "PropertyName", "autoScaleEvaluationInterval", "PropertyValue", value);
        }
        return interval;
    }

    /** Turns autoscale on (or changes its formula or interval) and evaluates the formula at once. */
    public void enableAutoScale(String poolId, PoolAutoScaleParameter parameter) {
        if (parameter == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        PoolRecord r = record(poolId);
        AutoScaleFormula.Inputs inputs = inputs(r);
        r.locked(() -> {
            requireNotDeleting(r);
            String text = parameter.autoScaleFormula != null ? parameter.autoScaleFormula : r.pool.autoScaleFormula;
            Entities.require(text, "autoScaleFormula");
            AutoScaleFormula formula = parseFormula(text);
            String interval = parameter.autoScaleEvaluationInterval != null ? parameter.autoScaleEvaluationInterval
                    : r.pool.autoScaleEvaluationInterval;
            r.pool.autoScaleEvaluationInterval = evaluationInterval(interval).toString();
            r.pool.autoScaleFormula = text;
            r.pool.enableAutoScale = true;
            touch(r.pool);
            applyAutoScale(r, formula, inputs);
        });
        LOG.info("pool {}: autoscale enabled, every {}", poolId, r.pool.autoScaleEvaluationInterval);
        scheduler.requestDispatch();
    }

    /** Turns autoscale off; the pool keeps the nodes it has. */
    public void disableAutoScale(String poolId) {
        PoolRecord r = record(poolId);
        r.locked(() -> {
            requireNotDeleting(r);
            r.pool.enableAutoScale = false;
            r.pool.autoScaleFormula = null;
            r.pool.autoScaleEvaluationInterval = null;
            r.nextAutoScale = null;
            touch(r.pool);
        });
        LOG.info("pool {}: autoscale disabled", poolId);
    }

    /** Evaluates a formula against the pool without applying it; the pool must have autoscale enabled. */
    public AutoScaleRun evaluateAutoScale(String poolId, String formulaText) {
        Entities.require(formulaText, "autoScaleFormula");
        PoolRecord r = record(poolId);
        AutoScaleFormula formula = parseFormula(formulaText);
        AutoScaleFormula.Inputs inputs = inputs(r);
        return r.locked(() -> {
            if (!Boolean.TRUE.equals(r.pool.enableAutoScale)) {
                throw BatchErrorCode.AUTOSCALE_NOT_ENABLED.exception("PoolId", r.pool.id);
            }
            return run(formula, inputs).run();
        });
    }

    /** Re-evaluates the formula of every autoscale pool whose evaluation interval has passed. */
    public void evaluateDueAutoScalePools() {
        Instant now = Entities.now();
        boolean evaluated = false;
        for (PoolRecord r : ctx.store().pools()) {
            boolean due = r.locked(() -> Boolean.TRUE.equals(r.pool.enableAutoScale)
                    && (r.nextAutoScale == null || !now.isBefore(r.nextAutoScale)) && !"deleting".equals(r.pool.state));
            if (!due) {
                continue;
            }
            evaluated = true;
            AutoScaleFormula.Inputs inputs = inputs(r);
            r.locked(() -> {
                if (Boolean.TRUE.equals(r.pool.enableAutoScale) && r.pool.autoScaleFormula != null) {
                    try {
                        applyAutoScale(r, AutoScaleFormula.parse(r.pool.autoScaleFormula), inputs);
                    } catch (AutoScaleFormula.SyntaxError e) {
                        LOG.warn("pool {}: saved autoscale formula no longer parses: {}", r.pool.id, e.getMessage());
                    }
                }
            });
        }
        if (evaluated) {
            scheduler.requestDispatch();
        }
    }

    private record Evaluation(AutoScaleRun run, AutoScaleFormula.Outcome outcome) {
    }

    private static Evaluation run(AutoScaleFormula formula, AutoScaleFormula.Inputs inputs) {
        AutoScaleRun run = new AutoScaleRun();
        run.timestamp = Entities.now();
        try {
            AutoScaleFormula.Outcome outcome = formula.evaluate(inputs);
            run.results = outcome.results();
            return new Evaluation(run, outcome);
        } catch (AutoScaleFormula.EvaluationError e) {
            run.error = new BatchError();
            run.error.code = "AutoScalingFormulaEvaluationError";
            run.error.message = new ErrorMessage();
            run.error.message.lang = "en-US";
            run.error.message.value = e.getMessage();
            return new Evaluation(run, null);
        }
    }

    /** Evaluates and applies a formula; the caller holds the pool's lock. */
    private void applyAutoScale(PoolRecord r, AutoScaleFormula formula, AutoScaleFormula.Inputs inputs) {
        Evaluation e = run(formula, inputs);
        r.pool.autoScaleRun = Json.MAPPER.valueToTree(e.run());
        r.nextAutoScale = e.run().timestamp.plus(Duration.parse(r.pool.autoScaleEvaluationInterval));
        if (e.outcome() == null) {
            LOG.warn("pool {}: autoscale evaluation failed: {}", r.pool.id, e.run().error.message.value);
            return;
        }
        int dedicated = Math.min(e.outcome().targetDedicated(), MAX_NODES);
        int low = Math.min(e.outcome().targetLowPriority(), MAX_NODES - dedicated);
        if (dedicated != r.pool.targetDedicatedNodes || low != r.pool.targetLowPriorityNodes) {
            LOG.info("pool {}: autoscale sets {} dedicated + {} low-priority node(s)", r.pool.id, dedicated, low);
        }
        r.pool.targetDedicatedNodes = dedicated;
        r.pool.targetLowPriorityNodes = low;
        resizeKind(r, true, dedicated, e.outcome().deallocationOption());
        resizeKind(r, false, low, e.outcome().deallocationOption());
    }

    /** The formula's view of the pool: tasks of the jobs on it, and its nodes. Takes no pool lock around job locks. */
    private AutoScaleFormula.Inputs inputs(PoolRecord r) {
        int[] tasks = new int[4];
        for (JobRecord job : ctx.store().jobs()) {
            job.locked(() -> {
                if (job.job.poolInfo == null || !BatchStore.key(r.pool.id).equals(BatchStore.key(job.job.poolInfo.poolId))) {
                    return;
                }
                for (TaskRecord t : job.tasks.values()) {
                    switch (t.task.state) {
                        case "active" -> tasks[0]++;
                        case "preparing", "running" -> tasks[1]++;
                        default -> tasks[t.task.executionInfo != null && "success".equals(t.task.executionInfo.result)
                                ? 2 : 3]++;
                    }
                }
            });
        }
        return r.locked(() -> new AutoScaleFormula.Inputs(tasks[0], tasks[1], tasks[2], tasks[3],
                r.pool.currentDedicatedNodes, r.pool.currentLowPriorityNodes, r.pool.targetDedicatedNodes,
                r.pool.targetLowPriorityNodes));
    }

    private static void requireNotDeleting(PoolRecord r) {
        if ("deleting".equals(r.pool.state)) {
            throw BatchErrorCode.POOL_BEING_DELETED.exception();
        }
    }

    private static void touch(CloudPool p) {
        p.lastModified = Entities.now();
        p.eTag = Entities.newETag();
    }

    // ---------------------------------------------------------------- node counts

    /** Every pool's nodes counted by state, dedicated and spot/low-priority apart (GET /nodecounts). */
    public List<PoolNodeCounts> nodeCounts() {
        List<PoolNodeCounts> list = new ArrayList<>();
        for (PoolRecord r : ctx.store().pools()) {
            list.add(r.locked(() -> {
                PoolNodeCounts counts = new PoolNodeCounts();
                counts.poolId = r.pool.id;
                counts.dedicated = new NodeCounts();
                counts.lowPriority = new NodeCounts();
                for (NodeRecord n : r.nodes.values()) {
                    count(Boolean.TRUE.equals(n.node.isDedicated) ? counts.dedicated : counts.lowPriority, n.node.state);
                }
                return counts;
            }));
        }
        return list;
    }

    private static void count(NodeCounts c, String state) {
        c.total++;
        switch (state) {
            case "creating" -> c.creating++;
            case "idle" -> c.idle++;
            case "offline" -> c.offline++;
            case "preempted" -> c.preempted++;
            case "rebooting" -> c.rebooting++;
            case "reimaging" -> c.reimaging++;
            case "running" -> c.running++;
            case "starting" -> c.starting++;
            case "starttaskfailed" -> c.startTaskFailed++;
            case "leavingpool" -> c.leavingPool++;
            case "unusable" -> c.unusable++;
            case "waitingforstarttask" -> c.waitingForStartTask++;
            case "upgradingos" -> c.upgradingOS++;
            case "deallocated" -> c.deallocated++;
            case "deallocating" -> c.deallocating++;
            default -> c.unknown++;
        }
    }

    /**
     * Fault injection: preempts one spot/low-priority node, preferring one that runs tasks; returns a handle to bring
     * it back, or null when no pool has a spot node to preempt.
     */
    public Runnable preemptSomeSpotNode() {
        for (PoolRecord r : ctx.store().pools()) {
            NodeRecord victim = r.locked(() -> {
                NodeRecord chosen = null;
                for (NodeRecord n : r.nodes.values()) {
                    boolean usable = "running".equals(n.node.state) || "idle".equals(n.node.state);
                    if (Boolean.TRUE.equals(n.node.isDedicated) || !usable) {
                        continue;
                    }
                    if (chosen == null || n.usedSlots > chosen.usedSlots) {
                        chosen = n;
                    }
                }
                if (chosen != null) {
                    scheduler.preempt(chosen);
                }
                return chosen;
            });
            if (victim != null) {
                scheduler.requestDispatch();
                return () -> reallocate(r, victim);
            }
        }
        return null;
    }

    /** A preempted node comes back as a fresh VM with the same id: it boots and runs its start task again. */
    private void reallocate(PoolRecord r, NodeRecord preempted) {
        r.locked(() -> {
            if (r.nodes.get(preempted.node.id) != preempted || !"preempted".equals(preempted.node.state)) {
                return;
            }
            r.nodes.remove(preempted.node.id);
            scheduler.restoreNode(r, Json.copy(preempted.node, ComputeNode.class));
        });
        LOG.info("pool {}: node {} allocated again after preemption", r.pool.id, preempted.node.id);
    }

    /** Preempts a node (see {@link Scheduler}); a hook for tests of spot-VM behaviour, not a Batch API. */
    public void preemptNode(String poolId, String nodeId) {
        PoolRecord r = record(poolId);
        r.locked(() -> {
            NodeRecord n = r.nodes.get(nodeId);
            if (n == null) {
                throw BatchErrorCode.NODE_NOT_FOUND.exception();
            }
            scheduler.preempt(n);
        });
        scheduler.requestDispatch();
    }
}
