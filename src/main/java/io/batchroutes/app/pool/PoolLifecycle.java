package io.batchroutes.app.pool;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.batchroutes.app.observe.PipelineMetrics;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool's cost policy while the daemon runs: scale it to zero nodes after an idle time and back to its configured
 * size when work arrives; delete it once it is older than a maximum lifetime and idle, and create it again when
 * work arrives. "Idle" means no file in flight. The {@code pool-lifecycle} route asks {@link #decide()} every tick,
 * performs the action against Batch, then confirms it; an action that fails is simply decided again next tick.
 */
public final class PoolLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PoolLifecycle.class);

    /** What the route does this tick; the names are what the route's choice tests. */
    public static final String NONE = "none";
    public static final String SCALE_DOWN = "scale-down";
    public static final String RESTORE = "restore";
    public static final String DELETE = "delete";
    public static final String RECREATE = "recreate";

    private enum State { ACTIVE, SCALED_DOWN, DELETED }

    private final String poolId;
    private final PipelineMetrics metrics;
    private final Duration idleScaleDown;
    private final Duration maxLifetime;
    private final boolean autoScale;
    private final Clock clock;
    private State state = State.ACTIVE;
    private Instant lastBusy;
    private Instant created;

    /**
     * @param idleScaleDown null: never scale down (also when the pool autoscales: its formula decides)
     * @param maxLifetime   null: no limit
     */
    public PoolLifecycle(String poolId, PipelineMetrics metrics, Duration idleScaleDown, Duration maxLifetime,
            boolean autoScale, Clock clock) {
        this.poolId = poolId;
        this.metrics = metrics;
        this.idleScaleDown = autoScale ? null : idleScaleDown;
        this.maxLifetime = maxLifetime;
        this.autoScale = autoScale;
        this.clock = clock;
        this.lastBusy = clock.instant();
        this.created = clock.instant();
    }

    public synchronized String decide() {
        Instant now = clock.instant();
        boolean busy = metrics.inFlightCount() > 0;
        if (busy) {
            lastBusy = now;
        }
        return switch (state) {
            case SCALED_DOWN -> busy ? RESTORE : NONE;
            case DELETED -> busy ? RECREATE : NONE;
            case ACTIVE -> {
                if (busy) {
                    yield NONE;
                }
                if (maxLifetime != null && Duration.between(created, now).compareTo(maxLifetime) >= 0) {
                    yield DELETE;
                }
                if (idleScaleDown != null && Duration.between(lastBusy, now).compareTo(idleScaleDown) >= 0) {
                    yield SCALE_DOWN;
                }
                yield NONE;
            }
        };
    }

    /** The pool as ensurePool returned it: its age counts from its creation, even if an earlier run created it. */
    public synchronized void provisioned(@Body CloudPool pool) {
        state = State.ACTIVE;
        if (pool != null && pool.creationTime() != null) {
            created = Instant.ofEpochMilli(pool.creationTime().getMillis());
        }
        boolean empty = pool != null && !autoScale && pool.targetDedicatedNodes() != null
                && pool.targetDedicatedNodes() == 0 && pool.targetLowPriorityNodes() != null
                && pool.targetLowPriorityNodes() == 0;
        if (empty) {
            // An earlier run scaled it down and stopped: bring it back when work arrives.
            state = State.SCALED_DOWN;
        }
    }

    public synchronized void scaledDown() {
        state = State.SCALED_DOWN;
        LOG.info("Pool {} scaled down to 0 nodes after {} without work", poolId, idleScaleDown);
    }

    public synchronized void restored() {
        state = State.ACTIVE;
        LOG.info("Pool {} scaled back up: work arrived", poolId);
    }

    public synchronized void deleted() {
        state = State.DELETED;
        LOG.info("Pool {} deleted: older than its maximum lifetime {} and idle; it is created again when work arrives",
                poolId, maxLifetime);
    }

    public synchronized void recreated(@Body CloudPool pool) {
        provisioned(pool);
        state = State.ACTIVE;
        LOG.info("Pool {} created again: work arrived", poolId);
    }
}
