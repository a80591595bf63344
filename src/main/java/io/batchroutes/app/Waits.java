package io.batchroutes.app;

import java.time.Duration;

/** Pausing between checks of a condition that has its own deadline. */
final class Waits {

    private Waits() {
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
