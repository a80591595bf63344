package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import java.util.Comparator;
import java.util.List;

/**
 * Brings a pool's nodes to its targets, and shows it {@code resizing} for the configured resize duration (then
 * {@code steady}); a stop resize shows {@code stopping} for as long. With a zero duration the pool stays
 * {@code steady}, as before the emulator had the setting.
 */
final class PoolSizing {
    static final int MAX_NODES = 64;

    private final ServiceContext ctx;
    private final Scheduler scheduler;

    PoolSizing(ServiceContext ctx, Scheduler scheduler) {
        this.ctx = ctx;
        this.scheduler = scheduler;
    }

    static void checkNodeCounts(int dedicated, int low) {
        if (dedicated < 0 || low < 0 || dedicated + low > MAX_NODES) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exceptionWithMessage(
                    "The emulator runs at most " + MAX_NODES + " local nodes per pool.",
                    "PropertyName", "targetDedicatedNodes", "PropertyValue", dedicated + "+" + low);
        }
    }

    /** Adds or takes out nodes to meet the pool's targets; the caller holds the pool's lock. */
    void apply(PoolRecord r, String deallocationOption) {
        resizeKind(r, true, r.pool.targetDedicatedNodes, deallocationOption);
        resizeKind(r, false, r.pool.targetLowPriorityNodes, deallocationOption);
        markResizing(r);
    }

    boolean isResizing(PoolRecord r) {
        return !"steady".equals(r.pool.allocationState);
    }

    /** {@code resizing} for the resize duration; the caller holds the pool's lock. */
    void markResizing(PoolRecord r) {
        settleAfter(r, "resizing");
    }

    /**
     * Stops a resize: {@code stopping}, then {@code steady}; the nodes allocated so far stay, and the pool's resize
     * errors say it was stopped. A steady pool is left alone. The caller holds the pool's lock.
     */
    void stop(PoolRecord r) {
        if (!isResizing(r)) {
            return;
        }
        r.pool.resizeErrors = Json.MAPPER.createArrayNode().add(Json.MAPPER.createObjectNode()
                .put("code", "ResizeStopped").put("message", "The resize operation was stopped by the user."));
        settleAfter(r, "stopping");
    }

    private void settleAfter(PoolRecord r, String state) {
        if (ctx.resizeDuration().isZero()) {
            return;
        }
        r.pool.allocationState = state;
        r.pool.allocationStateTransitionTime = Entities.now();
        int generation = ++r.resizeGeneration;
        scheduler.later(ctx.resizeDuration(), () -> r.locked(() -> {
            if (r.resizeGeneration == generation) {
                r.pool.allocationState = "steady";
                r.pool.allocationStateTransitionTime = Entities.now();
            }
        }));
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
}
