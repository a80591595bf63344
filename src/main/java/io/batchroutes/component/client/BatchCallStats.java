package io.batchroutes.component.client;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the component's calls to Batch cost: attempts made, retries, and answers that were throttling (429, or 503
 * ServerBusy). One per component, shared by its endpoints; a metrics binder can publish them.
 */
public final class BatchCallStats {
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
    public long calls() {
        return calls.sum();
    }

    public long retries() {
        return retries.sum();
    }

    /** Answers of 429 or 503. */
    public long throttled() {
        return throttled.sum();
    }
}
