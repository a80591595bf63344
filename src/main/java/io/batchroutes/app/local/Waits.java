package io.batchroutes.app.local;

import java.time.Duration;

/** Pausing between checks of a condition that has its own deadline. */
public final class Waits {

    private Waits() {
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
