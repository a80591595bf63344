package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.ApplicationPackageReference;
import io.batchroutes.emulator.model.AutoScaleRun;
import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.PoolAutoScaleParameter;
import io.batchroutes.emulator.model.PoolPatchParameter;
import io.batchroutes.emulator.model.PoolResizeParameter;
import io.batchroutes.emulator.model.PoolUpdatePropertiesParameter;
import io.batchroutes.emulator.model.StartTask;
import io.batchroutes.emulator.store.PoolRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pools: each gets {@code targetDedicatedNodes + targetLowPriorityNodes} local nodes ({@link PoolSizing}), set by
 * hand (resize) or by an autoscale formula ({@link PoolAutoScale}); patch and update-properties; stop resize. Their
 * nodes are {@link NodeService}'s.
 */
public final class PoolService {
    private static final Logger LOG = LoggerFactory.getLogger(PoolService.class);

    private final ServiceContext ctx;
    private final Scheduler scheduler;
    private final PoolSizing sizing;
    private final PoolAutoScale autoScaling;
    private final NodeService nodes;

    public PoolService(ServiceContext ctx, Scheduler scheduler) {
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.sizing = new PoolSizing(ctx, scheduler);
        this.autoScaling = new PoolAutoScale(ctx, scheduler, this, sizing);
        this.nodes = new NodeService(ctx, scheduler, this);
    }

    /** The pools' nodes. */
    public NodeService nodes() {
        return nodes;
    }

    PoolSizing sizing() {
        return sizing;
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
            formula = PoolAutoScale.parseFormula(p.autoScaleFormula);
            p.autoScaleEvaluationInterval = autoScaling.evaluationInterval(p.autoScaleEvaluationInterval).toString();
        } else {
            p.autoScaleFormula = null;
            p.autoScaleEvaluationInterval = null;
        }
        int dedicated = p.targetDedicatedNodes == null ? 0 : p.targetDedicatedNodes;
        int low = p.targetLowPriorityNodes == null ? 0 : p.targetLowPriorityNodes;
        PoolSizing.checkNodeCounts(dedicated, low);
        int slots = p.taskSlotsPerNode == null ? 1 : p.taskSlotsPerNode;
        if (slots < 1 || slots > 256) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", "taskSlotsPerNode",
                    "PropertyValue", String.valueOf(slots));
        }
        if (p.startTask != null) {
            Entities.require(p.startTask.commandLine, "startTask.commandLine");
        }
        ctx.applications().validate(p.applicationPackageReferences, "applicationPackageReferences");
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
                autoScaling.applyAutoScale(record, finalFormula, new AutoScaleFormula.Inputs(0, 0, 0, 0, 0, 0, 0, 0));
            } else {
                scheduler.addNodes(record, dedicated, low);
                sizing.markResizing(record);
            }
        });
        LOG.info("pool {}: created with {} dedicated + {} low-priority node(s), {} slot(s) each{}", p.id,
                p.targetDedicatedNodes, p.targetLowPriorityNodes, slots, autoScale ? " (autoscale)" : "");
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
            if (sizing.isResizing(r)) {
                throw BatchErrorCode.POOL_BEING_RESIZED.exception();
            }
            int dedicated = resize.targetDedicatedNodes == null ? r.pool.targetDedicatedNodes : resize.targetDedicatedNodes;
            int low = resize.targetLowPriorityNodes == null ? r.pool.targetLowPriorityNodes : resize.targetLowPriorityNodes;
            PoolSizing.checkNodeCounts(dedicated, low);
            r.pool.targetDedicatedNodes = dedicated;
            r.pool.targetLowPriorityNodes = low;
            r.pool.resizeErrors = null;
            PoolAutoScale.touch(r.pool);
            sizing.apply(r, resize.nodeDeallocationOption);
        });
        LOG.info("pool {}: resized to {} dedicated + {} low-priority node(s)", r.pool.id, r.pool.targetDedicatedNodes,
                r.pool.targetLowPriorityNodes);
        scheduler.requestDispatch();
    }

    /** Asks for a dispatch pass (the housekeeping timer's safety net). */
    public void dispatchAgain() {
        scheduler.requestDispatch();
    }

    /** Fault injection, see {@link NodeService#preemptSomeSpotNode}. */
    public Runnable preemptSomeSpotNode() {
        return nodes.preemptSomeSpotNode();
    }

    /** Stops a running resize (202 even when none runs: the pool just stays steady; UNVERIFIED). */
    public void stopResize(String poolId) {
        PoolRecord r = record(poolId);
        r.locked(() -> {
            PoolAutoScale.requireNotDeleting(r);
            sizing.stop(r);
            PoolAutoScale.touch(r.pool);
        });
    }

    /**
     * PATCH: what is given replaces, what is missing stays. A new start task or new application packages apply to
     * nodes as they join, reboot or are reimaged (as the service documents); metadata at once.
     */
    public void patch(String poolId, PoolPatchParameter patch) {
        if (patch == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        validateProperties(patch.startTask, patch.applicationPackageReferences);
        PoolRecord r = record(poolId);
        r.locked(() -> {
            PoolAutoScale.requireNotDeleting(r);
            if (patch.startTask != null) {
                r.pool.startTask = patch.startTask;
            }
            if (patch.certificateReferences != null) {
                r.pool.certificateReferences = patch.certificateReferences;
            }
            if (patch.applicationPackageReferences != null) {
                r.pool.applicationPackageReferences = patch.applicationPackageReferences;
            }
            if (patch.metadata != null) {
                r.pool.metadata = patch.metadata;
            }
            if (patch.targetNodeCommunicationMode != null) {
                r.pool.targetNodeCommunicationMode = patch.targetNodeCommunicationMode;
            }
            PoolAutoScale.touch(r.pool);
        });
        LOG.info("pool {}: patched", poolId);
    }

    /**
     * Update properties: a full replace of the start task (none given removes it), certificate references,
     * application package references and metadata (the last three required, an empty list clears).
     */
    public void updateProperties(String poolId, PoolUpdatePropertiesParameter update) {
        if (update == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        Entities.require(update.certificateReferences, "certificateReferences");
        Entities.require(update.applicationPackageReferences, "applicationPackageReferences");
        Entities.require(update.metadata, "metadata");
        validateProperties(update.startTask, update.applicationPackageReferences);
        PoolRecord r = record(poolId);
        r.locked(() -> {
            PoolAutoScale.requireNotDeleting(r);
            r.pool.startTask = update.startTask;
            r.pool.certificateReferences = update.certificateReferences;
            r.pool.applicationPackageReferences = update.applicationPackageReferences;
            r.pool.metadata = update.metadata;
            if (update.targetNodeCommunicationMode != null) {
                r.pool.targetNodeCommunicationMode = update.targetNodeCommunicationMode;
            }
            PoolAutoScale.touch(r.pool);
        });
        LOG.info("pool {}: properties updated", poolId);
    }

    private void validateProperties(StartTask startTask, List<ApplicationPackageReference> packages) {
        if (startTask != null) {
            Entities.require(startTask.commandLine, "startTask.commandLine");
        }
        ctx.applications().validate(packages, "applicationPackageReferences");
    }

    public void enableAutoScale(String poolId, PoolAutoScaleParameter parameter) {
        autoScaling.enableAutoScale(poolId, parameter);
    }

    public void disableAutoScale(String poolId) {
        autoScaling.disableAutoScale(poolId);
    }

    public AutoScaleRun evaluateAutoScale(String poolId, String formulaText) {
        return autoScaling.evaluateAutoScale(poolId, formulaText);
    }

    /** Re-evaluates the formula of every autoscale pool whose evaluation interval has passed. */
    public void evaluateDueAutoScalePools() {
        autoScaling.evaluateDueAutoScalePools();
    }
}
