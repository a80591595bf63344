package io.batchroutes.emulator.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's clock-driven work, on one timer thread: autoscale evaluations when due, deleting task files past
 * their retention time, and (fault injection) preempting spot nodes at a fixed interval, each coming back after a
 * recovery delay.
 */
public final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final long TICK_MILLIS = 1000;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "batch-emulator-housekeeping");
        t.setDaemon(true);
        return t;
    });

    public Housekeeping(PoolService pools, TaskService tasks, Duration preemptionInterval, Duration preemptionRecovery) {
        timer.scheduleWithFixedDelay(guarded("autoscale", pools::evaluateDueAutoScalePools), TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(guarded("retention", tasks::deleteExpiredTaskFiles), TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        // A dispatch pass every tick, so an active task and a free slot meet within a tick even if an event that
        // should have woken the dispatcher were missed. Added for PreemptionIT's task that stayed active for minutes;
        // that turned out to be a preemption livelock (see NodeService.preemptSomeSpotNode), not a missed wake-up,
        // and no missed wake-up has been seen. Kept: one cheap pass per second.
        timer.scheduleWithFixedDelay(guarded("dispatch", pools::dispatchAgain), TICK_MILLIS, TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        if (preemptionInterval != null) {
            long every = preemptionInterval.toMillis();
            timer.scheduleAtFixedRate(guarded("preemption", () -> {
                Runnable reallocate = pools.preemptSomeSpotNode();
                if (reallocate != null) {
                    timer.schedule(guarded("reallocation", reallocate), preemptionRecovery.toMillis(),
                            TimeUnit.MILLISECONDS);
                }
            }), every, every, TimeUnit.MILLISECONDS);
        }
    }

    /** A failing round is logged and the next one still runs (a scheduled task that throws is never run again). */
    private static Runnable guarded(String what, Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (Throwable e) { // an Error too: a scheduled task that throws anything is never run again
                LOG.error("{} failed", what, e);
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
