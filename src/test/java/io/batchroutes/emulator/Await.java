package io.batchroutes.emulator;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Waits for a condition with a deadline (Awaitility is not available here). */
final class Await {
    private Await() {
    }

    /**
     * Polls {@code probe} until {@code done} accepts its value; fails with the last value after {@code timeout}.
     * Exceptions from the probe count as "not yet", except IllegalStateException, which gives up at once.
     */
    static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (IllegalStateException e) {
                throw e;
            } catch (Exception e) {
                lastError = e;
            }
            pause();
        }
        AssertionError error = new AssertionError("Timed out after " + timeout + " waiting for " + what
                + "; last value: " + last);
        if (lastError != null) {
            error.initCause(lastError);
        }
        throw error;
    }

    /** Checks that {@code condition} holds throughout {@code period}. */
    static void holds(String what, Duration period, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.call()) {
                throw new AssertionError("Expected to hold for " + period + ": " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
