package io.batchroutes.app.pool;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: the pool can run tasks (not every node failed its start task). */
public final class PoolHealthCheck extends AbstractHealthCheck {

    private final PoolHealth poolHealth;

    public PoolHealthCheck(PoolHealth poolHealth) {
        super("batchroutes", "batch-pool");
        this.poolHealth = poolHealth;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String failure = poolHealth.startTaskFailure();
        if (failure == null) {
            builder.up();
        } else {
            builder.message(failure).down();
        }
    }
}
