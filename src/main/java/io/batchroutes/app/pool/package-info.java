/**
 * The pool while the daemon runs: its cost policy (scale to zero when idle, recreate after a maximum lifetime:
 * {@code PoolLifecycle}) and its health (every node failed its start task: {@code PoolHealth},
 * {@code PoolHealthCheck}).
 */
package io.batchroutes.app.pool;
