package io.batchroutes.emulator.node;

import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries a resource-file download or an output-file upload again when storage failed transiently (connection refused
 * or reset, a timeout, HTTP 408, 429, 500, 502, 503, 504), as Batch's node agent does, with exponential backoff
 * (0.5 s doubling to 8 s) within a total budget ({@link #DEFAULT_BUDGET}, 45 s: storage restarting under a running
 * pool heals within it). Anything else (403, 404, a bad URL, the local disk) fails at once. This is the only layer
 * with a policy: the storage SDK clients built here try once ({@link #SDK_TRIES_ONCE}), and {@link BlobHttp}'s
 * {@code HttpURLConnection} only sends a GET again, once and at once, when a kept-alive connection turns out to be
 * closed (never a streamed PUT). Hand-written because the two clients differ and the SDK's policy covers only its
 * own requests.
 */
final class StorageRetry {
    private static final Logger LOG = LoggerFactory.getLogger(StorageRetry.class);

    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(45);
    /** For the storage SDK clients of the node agent: one try per call, the retries are ours. */
    static final RequestRetryOptions SDK_TRIES_ONCE = new RequestRetryOptions(RetryPolicyType.FIXED, 1,
            (Integer) null, null, null, null);

    /** One transfer, started from the beginning on each attempt. */
    @FunctionalInterface
    interface Transfer<T> {
        T run() throws Exception;
    }

    /** An HTTP status a GET answered that is worth another attempt; mapped to the service's error when given up. */
    static final class TransientStatus extends IOException {
        final int status;

        TransientStatus(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }

    private final Duration budget;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final AtomicInteger retried = new AtomicInteger();

    StorageRetry() {
        this(DEFAULT_BUDGET, Duration.ofMillis(500), Duration.ofSeconds(8));
    }

    StorageRetry(Duration budget, Duration firstDelay, Duration maxDelay) {
        this.budget = budget;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /** Runs the transfer until it succeeds, fails for good, or the budget would be over before the next attempt. */
    <T> T run(String what, Transfer<T> transfer) throws Exception {
        long deadline = System.nanoTime() + budget.toNanos();
        long delay = firstDelay.toMillis();
        for (int attempt = 1;; attempt++) {
            try {
                return transfer.run();
            } catch (Exception e) {
                if (!isTransient(e) || System.nanoTime() + delay * 1_000_000 - deadline > 0) {
                    throw e;
                }
                retried.incrementAndGet();
                LOG.warn("{} failed ({}); attempt {} in {} ms", what, describe(e), attempt + 1, delay);
                Thread.sleep(delay);
                delay = Math.min(delay * 2, maxDelay.toMillis());
            }
        }
    }

    /** How many attempts were made again so far. */
    int retried() {
        return retried.get();
    }

    /** Whether storage may answer if asked again: a transient status or a network failure anywhere in the causes. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BlobStorageException storage) {
                return transientStatus(storage.getStatusCode());
            }
            if (t instanceof TransientStatus status) {
                return transientStatus(status.status);
            }
            if (t instanceof FileSystemException) {
                return false; // the local disk: asking storage again cannot help
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    static boolean transientStatus(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** The status, else the innermost cause, first line only and without any SAS signature. */
    private static String describe(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BlobStorageException storage) {
                return "HTTP " + storage.getStatusCode() + " " + storage.getErrorCode();
            }
            root = t;
        }
        String message = Urls.scrub(root.getMessage()).lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
