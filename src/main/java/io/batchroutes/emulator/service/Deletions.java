package io.batchroutes.emulator.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes deleted entities from the store after the account's delete delay, so that pools, jobs and job schedules
 * show {@code deleting} for a while (answering 409 *BeingDeleted to changes) as the service does.
 */
final class Deletions {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "batch-emulator-deletions");
        t.setDaemon(true);
        return t;
    });

    private Deletions() {
    }

    static void later(ServiceContext ctx, Runnable removal) {
        long millis = ctx.deleteDelay() == null ? 0 : ctx.deleteDelay().toMillis();
        if (millis <= 0) {
            removal.run();
        } else {
            TIMER.schedule(removal, millis, TimeUnit.MILLISECONDS);
        }
    }
}
