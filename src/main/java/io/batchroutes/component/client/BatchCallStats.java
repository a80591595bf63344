package io.batchroutes.component.client;

import java.util.concurrent.atomic.LongAdder;

import io.batchroutes.component.AzureBatchCallCounts;

/**
 * What the component's calls to Batch cost: attempts made, retries, and answers that were throttling (429, or 503
 * ServerBusy). One per component, shared by its endpoints; a metrics binder can publish them.
 */
public final class BatchCallStats implements AzureBatchCallCounts {
    private final LongAdder calls = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder throttled = new LongAdder();

    void attempted() {
        calls.increment();
    }

    void retried() {
        retries.increment();
    }

    void throttledBy(int status) {
        if (status == 429 || status == 503) {
            throttled.increment();
        }
    }

    /** Requests sent, retries included. */
    @Override
    public long calls() {
        return calls.sum();
    }

    @Override
    public long retries() {
        return retries.sum();
    }

    /** Answers of 429 or 503. */
    @Override
    public long throttled() {
        return throttled.sum();
    }
}
