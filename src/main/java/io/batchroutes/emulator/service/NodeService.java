package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.NodeCounts;
import io.batchroutes.emulator.model.NodeRemoveParameter;
import io.batchroutes.emulator.model.PoolNodeCounts;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool's compute nodes: list and get, reboot and reimage, disable and enable scheduling, remove nodes, node counts,
 * and preemption of spot nodes (fault injection). The state machine behind it is {@link NodeLifecycle}'s.
 */
public final class NodeService {
    private static final Logger LOG = LoggerFactory.getLogger(NodeService.class);
    private static final Set<String> REBOOT_OPTIONS = Set.of("requeue", "terminate", "taskcompletion", "retaineddata");
    private static final Set<String> SCHEDULING_OPTIONS = Set.of("requeue", "terminate", "taskcompletion");
    private static final int MAX_NODES_PER_REMOVE = 100;

    private final ServiceContext ctx;
    private final Scheduler scheduler;
    private final PoolService pools;

    public NodeService(ServiceContext ctx, Scheduler scheduler, PoolService pools) {
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.pools = pools;
    }

    /** Reboots a node ({@code nodeRebootOption}: requeue, the default, terminate, taskcompletion, retaineddata). */
    public void reboot(String poolId, String nodeId, String option) {
        restart(poolId, nodeId, "reboot", option, "nodeRebootOption");
    }

    /** Reimages a node: as a reboot, and its disk is wiped first ({@code nodeReimageOption}). */
    public void reimage(String poolId, String nodeId, String option) {
        restart(poolId, nodeId, "reimage", option, "nodeReimageOption");
    }

    private void restart(String poolId, String nodeId, String kind, String option, String property) {
        String how = option(option, REBOOT_OPTIONS, property);
        PoolRecord r = pools.record(poolId);
        r.locked(() -> {
            PoolAutoScale.requireNotDeleting(r);
            NodeRecord n = node(r, nodeId);
            if (n.pendingRestart != null) {
                throw (n.pendingRestart.equals("reimage") ? BatchErrorCode.NODE_BEING_REIMAGED
                        : BatchErrorCode.NODE_BEING_REBOOTED).exception();
            }
            switch (n.node.state) {
                case "idle", "running", "starttaskfailed", "unusable" -> scheduler.restartNode(r, n, kind, how);
                case "rebooting" -> throw BatchErrorCode.NODE_BEING_REBOOTED.exception();
                case "reimaging" -> throw BatchErrorCode.NODE_BEING_REIMAGED.exception();
                case "creating", "starting", "waitingforstarttask" -> throw BatchErrorCode.NODE_BEING_STARTED.exception();
                default -> throw BatchErrorCode.NODE_NOT_IN_STATE_FOR_OPERATION.exception("NodeState", n.node.state);
            }
        });
        LOG.info("pool {} node {}: {} ({})", poolId, nodeId, kind, how);
        scheduler.requestDispatch();
    }

    /**
     * Takes the node out of scheduling ({@code nodeDisableSchedulingOption}: requeue, the default, terminate,
     * taskcompletion for its running tasks).
     */
    public void disableScheduling(String poolId, String nodeId, String option) {
        String how = option(option, SCHEDULING_OPTIONS, "nodeDisableSchedulingOption");
        PoolRecord r = pools.record(poolId);
        r.locked(() -> {
            PoolAutoScale.requireNotDeleting(r);
            NodeRecord n = node(r, nodeId);
            if ("disabled".equals(n.node.schedulingState)) {
                throw BatchErrorCode.NODE_ALREADY_IN_TARGET_SCHEDULING_STATE.exception();
            }
            n.node.schedulingState = "disabled";
            if (!how.equals("taskcompletion")) {
                for (String key : List.copyOf(n.taskKeys)) {
                    scheduler.endRun(key, how.equals("requeue") ? Scheduler.END_REQUEUE : Scheduler.END_TERMINATE);
                }
            }
        });
        LOG.info("pool {} node {}: scheduling disabled ({})", poolId, nodeId, how);
    }

    public void enableScheduling(String poolId, String nodeId) {
        PoolRecord r = pools.record(poolId);
        r.locked(() -> {
            PoolAutoScale.requireNotDeleting(r);
            NodeRecord n = node(r, nodeId);
            if ("enabled".equals(n.node.schedulingState)) {
                throw BatchErrorCode.NODE_ALREADY_IN_TARGET_SCHEDULING_STATE.exception();
            }
            n.node.schedulingState = "enabled";
        });
        LOG.info("pool {} node {}: scheduling enabled", poolId, nodeId);
        scheduler.requestDispatch();
    }

    /**
     * Removes the named nodes ({@code nodeDeallocationOption} as for a resize); the pool's targets go down by as
     * many. Only on a steady pool, as the service documents; at most 100 nodes per call.
     */
    public void removeNodes(String poolId, NodeRemoveParameter parameter) {
        if (parameter == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        Entities.require(parameter.nodeList, "nodeList");
        if (parameter.nodeList.isEmpty() || parameter.nodeList.size() > MAX_NODES_PER_REMOVE) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exceptionWithMessage(
                    "nodeList must name between 1 and " + MAX_NODES_PER_REMOVE + " nodes.", "PropertyName", "nodeList");
        }
        Entities.duration(parameter.resizeTimeout, "resizeTimeout");
        String how = option(parameter.nodeDeallocationOption, REBOOT_OPTIONS, "nodeDeallocationOption");
        PoolRecord r = pools.record(poolId);
        r.locked(() -> {
            PoolAutoScale.requireNotDeleting(r);
            if (pools.sizing().isResizing(r)) {
                throw BatchErrorCode.POOL_BEING_RESIZED.exception();
            }
            List<NodeRecord> victims = new ArrayList<>();
            for (String id : parameter.nodeList) {
                NodeRecord n = node(r, id);
                if (!victims.contains(n) && !"leavingpool".equals(n.node.state)) {
                    victims.add(n);
                }
            }
            for (NodeRecord n : victims) {
                if (Boolean.TRUE.equals(n.node.isDedicated)) {
                    r.pool.targetDedicatedNodes = Math.max(0, r.pool.targetDedicatedNodes - 1);
                } else {
                    r.pool.targetLowPriorityNodes = Math.max(0, r.pool.targetLowPriorityNodes - 1);
                }
            }
            scheduler.removeNodes(r, victims, how);
            pools.sizing().markResizing(r);
            PoolAutoScale.touch(r.pool);
        });
        LOG.info("pool {}: {} node(s) removed ({})", poolId, parameter.nodeList.size(), how);
        scheduler.requestDispatch();
    }

    private static String option(String value, Set<String> allowed, String property) {
        if (value == null) {
            return "requeue";
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", property, "PropertyValue", value);
        }
        return v;
    }

    private static NodeRecord node(PoolRecord r, String nodeId) {
        NodeRecord n = r.nodes.get(nodeId);
        if (n == null) {
            throw BatchErrorCode.NODE_NOT_FOUND.exception();
        }
        return n;
    }

    public List<ComputeNode> listNodes(String poolId) {
        PoolRecord r = pools.record(poolId);
        return r.locked(() -> r.nodes.values().stream().map(n -> Json.copy(n.node, ComputeNode.class)).toList());
    }

    public ComputeNode getNode(String poolId, String nodeId) {
        PoolRecord r = pools.record(poolId);
        return r.locked(() -> {
            NodeRecord n = r.nodes.get(nodeId);
            if (n == null) {
                throw BatchErrorCode.NODE_NOT_FOUND.exception();
            }
            return Json.copy(n.node, ComputeNode.class);
        });
    }

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
     * Fault injection: preempts one spot/low-priority node that is up, chosen at random as Azure reclaims capacity
     * (not by what runs on it); returns a handle to bring it back, or null when no pool has a spot node to preempt.
     * Choosing the busiest node instead was adversarial: with one task left, every preemption hit the node that had
     * just started it, in step with the nodes' reboots, and the task was requeued for minutes (PreemptionIT in CI).
     */
    public Runnable preemptSomeSpotNode() {
        for (PoolRecord r : ctx.store().pools()) {
            NodeRecord victim = r.locked(() -> {
                List<NodeRecord> up = new ArrayList<>();
                for (NodeRecord n : r.nodes.values()) {
                    boolean usable = "running".equals(n.node.state) || "idle".equals(n.node.state);
                    if (!Boolean.TRUE.equals(n.node.isDedicated) && usable) {
                        up.add(n);
                    }
                }
                NodeRecord chosen = up.isEmpty() ? null : up.get(ThreadLocalRandom.current().nextInt(up.size()));
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

    /** Preempts a node (see {@link NodeLifecycle#preempt}); a hook for tests of spot-VM behaviour, not a Batch API. */
    public void preemptNode(String poolId, String nodeId) {
        PoolRecord r = pools.record(poolId);
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
