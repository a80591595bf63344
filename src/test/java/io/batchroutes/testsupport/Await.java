package io.batchroutes.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Waiting on a condition with a deadline, never on time alone (Awaitility is not available here). On a loaded
 * machine give generous deadlines: a wait ends as soon as its condition holds.
 */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(50);

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails the test after {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            pause();
        }
    }

    /**
     * Polls {@code probe} until {@code done} accepts its value, and returns that value; fails with the last value
     * after {@code timeout}. Exceptions from the probe count as "not yet", except IllegalStateException, which gives
     * up at once.
     */
    public static <T> T until(String what, Duration timeout, Callable<T> probe, Predicate<T> done) {
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
    public static void holds(String what, Duration period, Callable<Boolean> condition) throws Exception {
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
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting", e);
        }
    }
}
