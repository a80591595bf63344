package io.batchroutes.app.batch;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;

/**
 * Gathers the submit route's tasks into addtaskcollection calls (a list of bodies, as
 * {@link GroupedBodyAggregationStrategy}), except that a task arriving after a quiet spell, no other task within the
 * flush window before it, is sent at once: a lone file does not wait for a window that nothing else will fill. A
 * stream of tasks still shares calls: each task after the first of a burst arrives within the window of the one
 * before and waits for the aggregator's size or timeout as before. Cost: one call more per burst.
 */
public final class SubmissionBatches extends GroupedBodyAggregationStrategy {

    private final long quietNanos;
    private final LongSupplier nanoClock;
    private final AtomicLong lastArrival = new AtomicLong();
    private volatile boolean anyArrival;

    public SubmissionBatches(Duration flushWindow) {
        this(flushWindow, System::nanoTime);
    }

    SubmissionBatches(Duration flushWindow, LongSupplier nanoClock) {
        this.quietNanos = flushWindow.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        long now = nanoClock.getAsLong();
        long previous = lastArrival.getAndSet(now);
        boolean afterQuietSpell = !anyArrival || now - previous >= quietNanos;
        anyArrival = true;
        Exchange answer = super.aggregate(oldExchange, newExchange);
        if (afterQuietSpell) {
            answer.setProperty(ExchangePropertyKey.AGGREGATION_COMPLETE_CURRENT_GROUP, true);
        }
        return answer;
    }
}
