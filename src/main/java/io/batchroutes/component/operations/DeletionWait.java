package io.batchroutes.component.operations;

import java.util.function.LongSupplier;

import io.batchroutes.component.client.BatchErrors;
import io.batchroutes.component.client.BatchRetryPolicy.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a create that the service refuses because a pool or job of the same id is still being deleted (409
 * {@code PoolBeingDeleted} / {@code JobBeingDeleted}): the service takes minutes to delete a pool with nodes, and a
 * deleted id is free again only when the deletion has finished. Waits 1 s, then twice as long each time up to 15 s,
 * until the budget ({@code deletionWaitTimeout}) is spent; then fails with what it waited for.
 */
final class DeletionWait {

    private static final Logger LOG = LoggerFactory.getLogger(DeletionWait.class);
    static final long FIRST_DELAY_MILLIS = 1000;
    static final long MAX_DELAY_MILLIS = 15000;

    /** The create call. */
    @FunctionalInterface
    interface Create {
        void create() throws Exception;
    }

    private final long budgetMillis;
    private final Sleeper sleeper;
    private final LongSupplier clockMillis;

    DeletionWait(long budgetMillis) {
        this(budgetMillis, Thread::sleep, System::currentTimeMillis);
    }

    DeletionWait(long budgetMillis, Sleeper sleeper, LongSupplier clockMillis) {
        this.budgetMillis = Math.max(0, budgetMillis);
        this.sleeper = sleeper;
        this.clockMillis = clockMillis;
    }

    /**
     * Runs the create, and again while it fails with {@code beingDeletedCode}, within the budget.
     *
     * @param what names the entity for the log and the error, e.g. "pool p1"
     */
    void create(String what, String beingDeletedCode, Create create) throws Exception {
        long deadline = clockMillis.getAsLong() + budgetMillis;
        long delay = FIRST_DELAY_MILLIS;
        for (;;) {
            try {
                create.create();
                return;
            } catch (Exception e) {
                if (!BatchErrors.hasCode(e, beingDeletedCode)) {
                    throw e;
                }
                long left = deadline - clockMillis.getAsLong();
                if (left <= 0) {
                    throw new IllegalStateException("Azure Batch " + what + " is still being deleted after "
                                                    + budgetMillis + " ms (deletionWaitTimeout); create it again later", e);
                }
                long wait = Math.min(delay, left);
                LOG.info("Azure Batch {} is being deleted ({}); creating it again in {} ms", what, beingDeletedCode, wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(interrupted);
                    throw e;
                }
                delay = Math.min(delay * 2, MAX_DELAY_MILLIS);
            }
        }
    }
}
