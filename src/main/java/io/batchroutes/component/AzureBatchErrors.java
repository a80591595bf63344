package io.batchroutes.component;

import io.batchroutes.component.client.BatchErrors;
import io.batchroutes.component.client.BatchRetryPolicy;

/**
 * What an application needs to know about a failed Batch call, without reaching into the component's client
 * package: the HTTP status, whether retrying can help, and one line to show (never a secret).
 */
public final class AzureBatchErrors {

    private AzureBatchErrors() {
    }

    /** The HTTP status Batch answered with, or 0 when no answer came (unreachable, not a Batch error). */
    public static int status(Throwable failure) {
        return BatchErrors.status(failure);
    }

    /** Throttling, busy or a broken connection: worth another attempt. */
    public static boolean isTransient(Throwable failure) {
        return BatchRetryPolicy.isTransient(failure);
    }

    /**
     * Batch answered, and what it said was "busy" (429, 5xx, 408): the same call later may succeed. For addTasks, every
     * task that was not added was answered so. Unlike {@link #isTransient}, a service that does not answer is not busy.
     */
    public static boolean isBusy(Throwable failure) {
        if (failure instanceof AzureBatchAddTasksException refused) {
            return refused.isRetryable();
        }
        return status(failure) > 0 && isTransient(failure);
    }

    /** One line for logs and messages: status, error code and the first line of Batch's message. */
    public static String describe(Throwable failure) {
        return BatchErrors.describe(failure);
    }
}
