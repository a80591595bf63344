package io.batchroutes.component.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a call on throttling (429), timeouts (408), transient server errors (500, 502, 503, 504) and I/O errors,
 * with exponential backoff and jitter, honouring the service's Retry-After, bounded by maxRetries and maxDelay.
 * Each attempt is a new request, so it is signed again with a fresh ocp-date.
 */
public class BatchRetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(BatchRetryPolicy.class);

    /** A call to the service. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws Exception;
    }

    /** Waits between attempts; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final int maxRetries;
    private final long firstDelay;
    private final long maxDelay;
    private final Sleeper sleeper;
    private final BatchCallStats stats;

    public BatchRetryPolicy(int maxRetries, long firstDelay, long maxDelay) {
        this(maxRetries, firstDelay, maxDelay, Thread::sleep, new BatchCallStats());
    }

    public BatchRetryPolicy(int maxRetries, long firstDelay, long maxDelay, BatchCallStats stats) {
        this(maxRetries, firstDelay, maxDelay, Thread::sleep, stats);
    }

    public BatchRetryPolicy(int maxRetries, long firstDelay, long maxDelay, Sleeper sleeper) {
        this(maxRetries, firstDelay, maxDelay, sleeper, new BatchCallStats());
    }

    public BatchRetryPolicy(int maxRetries, long firstDelay, long maxDelay, Sleeper sleeper, BatchCallStats stats) {
        this.maxRetries = Math.max(0, maxRetries);
        this.firstDelay = Math.max(0, firstDelay);
        this.maxDelay = Math.max(this.firstDelay, maxDelay);
        this.sleeper = sleeper;
        this.stats = stats;
    }

    /** A policy that never retries. */
    public static BatchRetryPolicy none() {
        return new BatchRetryPolicy(0, 0, 0);
    }

    /**
     * Runs the call, retrying transient failures.
     *
     * @param what names the call and its ids for the WARN log line, e.g. "getTask job=j1 task=t1"
     */
    public <T> T execute(String what, Call<T> call) throws Exception {
        for (int attempt = 0;; attempt++) {
            try {
                stats.attempted();
                return call.call();
            } catch (Exception e) {
                stats.throttledBy(BatchErrors.status(e));
                if (attempt >= maxRetries || !isTransient(e)) {
                    throw e;
                }
                stats.retried();
                long delay = delayBefore(attempt, e);
                LOG.warn("Azure Batch {} failed with {}; retry {}/{} in {} ms", what, BatchErrors.describe(e),
                        attempt + 1, maxRetries, delay);
                try {
                    sleeper.sleep(delay);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(interrupted);
                    throw e;
                }
            }
        }
    }

    /** Whether a failure is worth another attempt. */
    public static boolean isTransient(Throwable e) {
        int status = BatchErrors.status(e);
        if (status > 0) {
            return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
        }
        return BatchErrors.ioError(e) != null;
    }

    long delayBefore(int attempt, Throwable e) {
        Long retryAfter = retryAfterMillis(e);
        if (retryAfter != null) {
            return Math.min(retryAfter, maxDelay);
        }
        long exponential = firstDelay << Math.min(attempt, 20);
        long capped = Math.min(exponential, maxDelay);
        // Full-range jitter in [capped/2, capped] spreads the retries of parallel chunks.
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    static Long retryAfterMillis(Throwable e) {
        BatchErrorException batchError = BatchErrors.batchError(e);
        if (batchError == null || batchError.response() == null || batchError.response().headers() == null) {
            return null;
        }
        String value = batchError.response().headers().get("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()) * 1000);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
