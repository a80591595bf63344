package io.batchroutes.emulator.handler;

import io.batchroutes.emulator.model.AutoScaleRun;
import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.PoolAutoScaleParameter;
import io.batchroutes.emulator.model.PoolPatchParameter;
import io.batchroutes.emulator.model.PoolUpdatePropertiesParameter;
import io.batchroutes.emulator.model.PoolResizeParameter;
import io.batchroutes.emulator.service.PoolService;

/** {@code /pools}: add, read, delete, resize, stop resize, patch, update properties, autoscale. */
public final class PoolsHandler {
    private final PoolService pools;
    private final StatisticsHandler statistics;

    public PoolsHandler(PoolService pools, StatisticsHandler statistics) {
        this.pools = pools;
        this.statistics = statistics;
    }

    private CloudPool expanded(ApiRequest r, CloudPool p) {
        if (StatisticsHandler.expandsStats(r)) {
            p.stats = statistics.service().pool(p.id);
        }
        return p;
    }

    public Reply add(ApiRequest r) {
        CloudPool p = r.bodyAs(CloudPool.class);
        pools.add(p);
        CloudPool added = pools.get(p.id);
        return Reply.created(added.url, added.eTag, added.lastModified);
    }

    public Reply get(ApiRequest r) {
        CloudPool p = pools.get(r.path("poolId"));
        if (Conditions.notModified(r, p.eTag, p.lastModified)) {
            return Conditions.notModifiedReply(p.eTag, p.lastModified);
        }
        return Reply.entity(expanded(r, p), "pools", p.eTag, p.lastModified);
    }

    public Reply exists(ApiRequest r) {
        if (!pools.exists(r.path("poolId"))) {
            return Reply.empty(404);
        }
        CloudPool p = pools.get(r.path("poolId"));
        if (Conditions.notModified(r, p.eTag, p.lastModified)) {
            return Conditions.notModifiedReply(p.eTag, p.lastModified);
        }
        return Reply.empty(200).entityHeaders(p.eTag, p.lastModified);
    }

    public Reply list(ApiRequest r) {
        return Reply.list(pools.list().stream().map(p -> expanded(r, p)).toList(), "pools");
    }

    public Reply delete(ApiRequest r) {
        checked(r);
        pools.delete(r.path("poolId"));
        return Reply.empty(202);
    }

    public Reply resize(ApiRequest r) {
        checked(r);
        pools.resize(r.path("poolId"), r.bodyAs(PoolResizeParameter.class));
        CloudPool p = pools.get(r.path("poolId"));
        return Reply.empty(202).header("DataServiceId", p.url).entityHeaders(p.eTag, p.lastModified);
    }

    public Reply patch(ApiRequest r) {
        checked(r);
        pools.patch(r.path("poolId"), r.bodyAs(PoolPatchParameter.class));
        return updated(r.path("poolId"), 200);
    }

    public Reply updateProperties(ApiRequest r) {
        checked(r);
        pools.updateProperties(r.path("poolId"), r.bodyAs(PoolUpdatePropertiesParameter.class));
        return updated(r.path("poolId"), 204);
    }

    public Reply stopResize(ApiRequest r) {
        checked(r);
        pools.stopResize(r.path("poolId"));
        return updated(r.path("poolId"), 202);
    }

    public Reply enableAutoScale(ApiRequest r) {
        checked(r);
        pools.enableAutoScale(r.path("poolId"), r.bodyAs(PoolAutoScaleParameter.class));
        return updated(r.path("poolId"), 200);
    }

    public Reply disableAutoScale(ApiRequest r) {
        pools.disableAutoScale(r.path("poolId"));
        return updated(r.path("poolId"), 200);
    }

    public Reply evaluateAutoScale(ApiRequest r) {
        PoolAutoScaleParameter p = r.bodyAs(PoolAutoScaleParameter.class);
        AutoScaleRun run = pools.evaluateAutoScale(r.path("poolId"), p == null ? null : p.autoScaleFormula);
        return Reply.json(200, run).header("DataServiceId", pools.get(r.path("poolId")).url);
    }

    private Reply updated(String poolId, int status) {
        CloudPool p = pools.get(poolId);
        return Reply.empty(status).header("DataServiceId", p.url).entityHeaders(p.eTag, p.lastModified);
    }

    private void checked(ApiRequest r) {
        if (!Conditions.any(r)) {
            return;
        }
        CloudPool p = pools.get(r.path("poolId"));
        Conditions.require(r, p.eTag, p.lastModified);
    }
}
