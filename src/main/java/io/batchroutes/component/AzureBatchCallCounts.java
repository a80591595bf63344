package io.batchroutes.component;

/**
 * What the component's calls to Batch cost so far (one set per component, shared by its endpoints), for a metrics
 * binder to publish.
 */
public interface AzureBatchCallCounts {

    /** Requests sent, retries included. */
    long calls();

    /** Requests retried after a transient failure. */
    long retries();

    /** Answers that were throttling (429, or 503). */
    long throttled();
}
