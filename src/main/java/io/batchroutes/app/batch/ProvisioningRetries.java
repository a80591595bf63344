package io.batchroutes.app.batch;

import io.batchroutes.component.AzureBatchErrors;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeException;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Whether a failed provisioning step (containers, pool, job: each idempotent) is tried again: when Batch is
 * throttling or busy (429, 5xx, 408; for the re-attached files' tasks, every one answered so), for up to {@link #RETRIES} more attempts. Wrong credentials or a service that
 * does not answer stop the daemon at once.
 */
public final class ProvisioningRetries {

    /**
     * Retries of a provisioning step Batch throttled (about 75 s in all): the only layer, as the daemon's component
     * tries each call once ({@code camel.component.azure-batch.max-retries = 0}).
     */
    public static final int RETRIES = 10;

    /**
     * @param failure the exception being handled ({@code retryWhile} sees it on the exchange)
     * @param caught  the exception caught earlier, when the exchange no longer carries one
     * @param attempt Camel's redelivery counter
     */
    public boolean worthRetrying(@ExchangeException Exception failure,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught,
            @Header(Exchange.REDELIVERY_COUNTER) Integer attempt) {
        Exception cause = failure != null ? failure : caught;
        int tried = attempt == null ? 0 : attempt;
        // Re-attaching in-flight files counts too: every task's chunk answered 503 (a ChaosIT start died of it).
        return tried <= RETRIES && AzureBatchErrors.isBusy(cause);
    }
}
