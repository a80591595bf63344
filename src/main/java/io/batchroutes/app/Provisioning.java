package io.batchroutes.app;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.batchroutes.component.client.BatchErrors;
import io.batchroutes.component.client.BatchRetryPolicy;
import org.apache.camel.Exchange;

/**
 * Whether the start-up provisioning (containers, pool, job) got through. Wrong credentials or an unreachable
 * service must stop the daemon at once with one clear line, not leave it running without taking files.
 */
public final class Provisioning {

    /** Retries of a provisioning step Batch throttled, each after the component's own (about 75 s in all). */
    static final int RETRIES = 10;

    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    public void ready() {
        outcome.complete(null);
    }

    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown error" : describe(cause);
        outcome.completeExceptionally(new IllegalStateException("provisioning failed: " + reason));
    }

    /**
     * Whether a failed provisioning step is tried again: when Batch is throttling or busy (429, 5xx, 408), for up to
     * {@link #RETRIES} more attempts. Wrong credentials or a service that does not answer stop the daemon at once.
     */
    public boolean worthRetrying(Exchange exchange) {
        Exception cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int attempt = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        return attempt <= RETRIES && BatchErrors.status(cause) > 0 && BatchRetryPolicy.isTransient(cause);
    }

    /** Waits for the outcome; returns null when ready, else the one-line reason. */
    public String await(Duration timeout) throws InterruptedException {
        try {
            outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        } catch (TimeoutException e) {
            return "provisioning did not finish within " + timeout;
        }
    }

    static String describe(Throwable cause) {
        int status = BatchErrors.status(cause);
        String text = BatchErrors.describe(cause);
        if (status == 401 || status == 403) {
            return text + ": check batchroutes.batch.account-name and batchroutes.batch.account-key";
        }
        if (cause.getClass().getName().startsWith("com.azure.storage")) {
            return "blob storage: " + firstLine(cause.getMessage()) + ": check batchroutes.storage.connection-string";
        }
        return text;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
