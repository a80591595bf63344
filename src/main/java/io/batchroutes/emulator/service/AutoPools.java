package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.AutoPoolSpecification;
import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.JobScheduleRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pools the service creates from {@code poolInfo.autoPoolSpecification}: one per job (lifetime {@code job}) or one
 * per job schedule shared by its jobs (lifetime {@code jobschedule}). Each is deleted when its owner completes or is
 * deleted, unless {@code keepAlive}. Owners are kept in memory and found again from the store after a restart.
 */
public final class AutoPools {
    private static final Logger LOG = LoggerFactory.getLogger(AutoPools.class);
    private static final int MAX_PREFIX = 20;

    /** Who a pool belongs to: a job, or a job schedule. */
    private record Owner(boolean schedule, String id, boolean keepAlive) {
    }

    private final ServiceContext ctx;
    private final PoolService pools;
    private final Map<String, Owner> owners = new ConcurrentHashMap<>();

    public AutoPools(ServiceContext ctx, PoolService pools) {
        this.ctx = ctx;
        this.pools = pools;
    }

    static String lifetime(AutoPoolSpecification spec) {
        return spec.poolLifetimeOption.toLowerCase(Locale.ROOT);
    }

    static void validate(AutoPoolSpecification spec) {
        Entities.require(spec.poolLifetimeOption, "poolInfo.autoPoolSpecification.poolLifetimeOption");
        if (!List.of("job", "jobschedule").contains(lifetime(spec))) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName",
                    "poolInfo.autoPoolSpecification.poolLifetimeOption", "PropertyValue", spec.poolLifetimeOption);
        }
        Entities.require(spec.pool, "poolInfo.autoPoolSpecification.pool");
        if (spec.autoPoolIdPrefix != null && (spec.autoPoolIdPrefix.length() > MAX_PREFIX
                || !spec.autoPoolIdPrefix.matches("[A-Za-z0-9_-]+"))) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName",
                    "poolInfo.autoPoolSpecification.autoPoolIdPrefix", "PropertyValue", spec.autoPoolIdPrefix,
                    "Reason", "At most 20 letters, digits, hyphens and underscores");
        }
    }

    /** A new pool id: the prefix (if any), an underscore and a GUID. */
    static String newPoolId(AutoPoolSpecification spec) {
        String guid = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        return spec.autoPoolIdPrefix == null || spec.autoPoolIdPrefix.isEmpty() ? guid
                : spec.autoPoolIdPrefix + "_" + guid;
    }

    /** Creates the pool of {@code spec} as {@code poolId}, owned by a job or a job schedule. */
    void create(AutoPoolSpecification spec, String poolId, boolean forSchedule, String ownerId) {
        CloudPool p = Json.copy(spec.pool, CloudPool.class);
        p.id = poolId;
        pools.add(p);
        owners.put(BatchStore.key(poolId), new Owner(forSchedule, ownerId, Boolean.TRUE.equals(spec.keepAlive)));
        LOG.info("auto pool {}: created for {} {}", poolId, forSchedule ? "job schedule" : "job", ownerId);
    }

    /** Deletes the auto pools whose owner completed or is gone; pools kept alive are let go. */
    public void sweep() {
        for (Map.Entry<String, Owner> e : owners.entrySet()) {
            Owner o = e.getValue();
            if (!finished(o)) {
                continue;
            }
            owners.remove(e.getKey(), o);
            if (o.keepAlive) {
                continue;
            }
            try {
                pools.delete(e.getKey());
                LOG.info("auto pool {}: deleted with its {} {}", e.getKey(), o.schedule ? "job schedule" : "job",
                        o.id);
            } catch (BatchServiceException gone) {
                // deleted by a user already
            }
        }
    }

    private boolean finished(Owner o) {
        if (o.schedule) {
            JobScheduleRecord s = ctx.store().jobSchedule(o.id);
            return s == null || s.locked(() -> "completed".equals(s.schedule.state)
                    || "deleting".equals(s.schedule.state));
        }
        JobRecord j = ctx.store().job(o.id);
        return j == null || j.locked(() -> "completed".equals(j.job.state) || "deleting".equals(j.job.state));
    }

    /** After a restart: the owners of the auto pools still in the store. */
    public void rebuild() {
        for (JobRecord r : ctx.store().jobs()) {
            r.locked(() -> {
                AutoPoolSpecification spec = r.job.poolInfo == null ? null : r.job.poolInfo.autoPoolSpecification;
                if (spec != null && "job".equals(lifetime(spec)) && r.job.poolInfo.poolId != null) {
                    owners.put(BatchStore.key(r.job.poolInfo.poolId),
                            new Owner(false, r.job.id, Boolean.TRUE.equals(spec.keepAlive)));
                }
            });
        }
        for (JobScheduleRecord r : ctx.store().jobSchedules()) {
            r.locked(() -> {
                if (r.autoPoolId != null) {
                    boolean keep = Boolean.TRUE.equals(r.schedule.jobSpecification.poolInfo.autoPoolSpecification.keepAlive);
                    owners.put(BatchStore.key(r.autoPoolId), new Owner(true, r.schedule.id, keep));
                }
            });
        }
    }
}
