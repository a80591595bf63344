package io.batchroutes.emulator.service;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs node work on the workers now or after a while: how the emulator shows the transient states the service shows
 * for a while ({@code starting}, {@code rebooting}, {@code reimaging}, a pool's {@code resizing}). Work handed in
 * after the emulator stopped is dropped.
 */
final class Delays {
    private final ScheduledExecutorService timer;
    private final Executor workers;

    Delays(ScheduledExecutorService timer, Executor workers) {
        this.timer = timer;
        this.workers = workers;
    }

    void after(Duration delay, Runnable work) {
        try {
            if (delay == null || delay.isZero() || delay.isNegative()) {
                workers.execute(work);
            } else {
                timer.schedule(() -> now(work), delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException stopped) {
            // the emulator is closing
        }
    }

    private void now(Runnable work) {
        try {
            workers.execute(work);
        } catch (RejectedExecutionException stopped) {
            // the emulator is closing
        }
    }
}
