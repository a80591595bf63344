package io.batchroutes.app;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.batchroutes.component.AzureBatchErrors;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * Released once the start-up provisioning (containers, pool, job) got through, or failed: main waits on it, so
 * wrong credentials or an unreachable service stop the daemon at once with one clear line instead of leaving it
 * running without taking files.
 */
public final class StartupLatch {

    private final CompletableFuture<Void> outcome = new CompletableFuture<>();

    public void ready() {
        outcome.complete(null);
    }

    public void failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        String reason = cause == null ? "unknown error" : describe(cause);
        outcome.completeExceptionally(new IllegalStateException("provisioning failed: " + reason));
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
        int status = AzureBatchErrors.status(cause);
        String text = AzureBatchErrors.describe(cause);
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
