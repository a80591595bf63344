package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.PoolResizeParameter;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pools and their nodes: each pool gets {@code targetDedicatedNodes + targetLowPriorityNodes} local nodes at once. */
public final class PoolService {
    private static final Logger LOG = LoggerFactory.getLogger(PoolService.class);
    private static final int MAX_NODES = 64;

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
        if (Boolean.TRUE.equals(p.enableAutoScale)) {
            throw BatchErrorCode.NOT_IMPLEMENTED.exceptionWithMessage(
                    "The Batch emulator does not implement autoscale; set targetDedicatedNodes instead.",
                    "PropertyName", "enableAutoScale");
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
        p.enableAutoScale = false;
        p.currentDedicatedNodes = 0;
        p.currentLowPriorityNodes = 0;
        if (p.resizeTimeout == null) {
            p.resizeTimeout = "PT15M";
        }
        PoolRecord record = new PoolRecord(ctx.store().nextSequence(), p);
        record.locked(() -> {
            PoolRecord existing = ctx.store().addPool(record);
            if (existing != null) {
                boolean deleting = existing.locked(() -> "deleting".equals(existing.pool.state));
                throw (deleting ? BatchErrorCode.POOL_BEING_DELETED : BatchErrorCode.POOL_EXISTS).exception();
            }
            scheduler.addNodes(record, dedicated, low);
        });
        LOG.info("pool {}: created with {} dedicated + {} low-priority node(s), {} slot(s) each", p.id, dedicated, low,
                slots);
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
        ctx.store().removePool(r);
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
