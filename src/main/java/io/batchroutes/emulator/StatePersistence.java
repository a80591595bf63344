package io.batchroutes.emulator;

import io.batchroutes.emulator.service.Recovery;
import io.batchroutes.emulator.service.Scheduler;
import io.batchroutes.emulator.service.ServiceContext;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.StateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code state.json} in a caller-given data directory up to date (checked at most twice a second, written
 * when it changed) and restores it on start. The final write happens before running tasks are killed, so a restart
 * requeues them.
 */
final class StatePersistence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatePersistence.class);
    private static final long MIN_SAVE_INTERVAL_MILLIS = 500;
    private final StateFile file;
    private final BatchStore store;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "batch-emulator-state-writer");
        t.setDaemon(true);
        return t;
    });

    StatePersistence(StateFile file, BatchStore store) {
        this.file = file;
        this.store = store;
    }

    void restore(ServiceContext ctx, Scheduler scheduler) {
        try {
            StateFile.State state = file.read();
            if (state != null) {
                Recovery.restore(ctx, scheduler, state);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the saved emulator state", e);
        }
        timer.schedule(this::saveAndReschedule, MIN_SAVE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Saves, then waits at least four times as long as the save took: a store of 10,000 tasks takes a while
     * to write, and writing it back to back cost the emulator most of a core.
     */
    private void saveAndReschedule() {
        long start = System.nanoTime();
        save();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        try {
            timer.schedule(this::saveAndReschedule, Math.max(MIN_SAVE_INTERVAL_MILLIS, 4 * tookMillis),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // close() saves one last time
        }
    }

    private void save() {
        try {
            file.write(store);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not save the emulator state: {}", e.toString());
        } catch (Throwable e) { // an Error (out of memory): log it loudly, and the next save is still scheduled
            LOG.error("could not save the emulator state", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        save();
    }
}
