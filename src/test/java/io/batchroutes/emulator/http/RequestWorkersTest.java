package io.batchroutes.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The request pool grows to its size under load: with a core of 4 in front of an unbounded queue it never ran more
 * than 4 requests at once, however long they blocked (issue 13, finding 13).
 */
class RequestWorkersTest {
    @Test
    void runsAsManyBlockingRequestsAtOnceAsItHasThreads() throws Exception {
        ExecutorService pool = RequestWorkers.create(16);
        try {
            int requests = 16;
            CountDownLatch allRunning = new CountDownLatch(requests);
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < requests; i++) {
                pool.execute(() -> {
                    allRunning.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(allRunning.await(30, TimeUnit.SECONDS)).as("16 blocking requests running at once").isTrue();
            release.countDown();
        } finally {
            pool.shutdownNow();
        }
    }
}
