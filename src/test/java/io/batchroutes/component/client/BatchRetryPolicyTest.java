package io.batchroutes.component.client;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static io.batchroutes.component.BatchErrorFixtures.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchRetryPolicyTest {

    private final List<Long> sleeps = new ArrayList<>();
    private final BatchRetryPolicy policy = new BatchRetryPolicy(3, 100, 1000, sleeps::add);

    @Test
    void countsCallsRetriesAndThrottledAnswers() throws Exception {
        BatchCallStats stats = new BatchCallStats();
        BatchRetryPolicy counted = new BatchRetryPolicy(1, 100, 1000, sleeps::add, stats);
        AtomicInteger calls = new AtomicInteger();
        counted.execute("getTask", () -> {
            if (calls.incrementAndGet() == 1) {
                throw error(429, "TooManyRequests");
            }
            return "ok";
        });
        assertThatThrownBy(() -> counted.execute("getTask", () -> {
            throw error(404, "TaskNotFound");
        }));
        assertThat(stats.calls()).isEqualTo(3);
        assertThat(stats.retries()).isEqualTo(1);
        assertThat(stats.throttled()).isEqualTo(1);
    }

    @Test
    void retriesThrottlingAndServerErrorsThenSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = policy.execute("getTask job=j task=t", () -> {
            switch (calls.incrementAndGet()) {
                case 1 -> throw error(503, "ServerBusy");
                case 2 -> throw error(429, "TooManyRequests");
                default -> {
                    return "ok";
                }
            }
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(50L, 100L);
        assertThat(sleeps.get(1)).isBetween(100L, 200L);
    }

    @Test
    void honoursRetryAfterWithinTheBound() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        policy.execute("x", () -> {
            if (calls.incrementAndGet() == 1) {
                throw error(429, "TooManyRequests", "0");
            }
            if (calls.get() == 2) {
                throw error(503, "ServerBusy", "120");
            }
            return null;
        });
        assertThat(sleeps).containsExactly(0L, 1000L);
    }

    @Test
    void retriesIoErrorsWrappedByTheSdk() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        policy.execute("x", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new RuntimeException(new SocketTimeoutException("timeout"));
            }
            return null;
        });
        assertThat(calls).hasValue(2);
    }

    @Test
    void doesNotRetryClientErrors() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy.execute("x", () -> {
            calls.incrementAndGet();
            throw error(404, "JobNotFound");
        })).hasMessageContaining("404");
        assertThat(calls).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void givesUpAfterMaxRetries() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy.execute("x", () -> {
            calls.incrementAndGet();
            throw error(500, "InternalError");
        })).hasMessageContaining("500");
        assertThat(calls).hasValue(4);
        assertThat(sleeps).hasSize(3).allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(1000L));
    }

    @Test
    void describesErrorsWithoutTheirBodies() {
        assertThat(BatchErrors.describe(error(409, "PoolExists"))).isEqualTo("HTTP 409 PoolExists (PoolExists happened)");
        assertThat(BatchErrors.code(new RuntimeException(error(404, "JobNotFound")))).isEqualTo("JobNotFound");
    }
}
