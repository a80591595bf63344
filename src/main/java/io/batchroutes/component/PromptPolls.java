package io.batchroutes.component;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extra polls of an idle consumer right after tasks were added to its job (promptPollDelay, promptPollWindow):
 * every {@code delay} ms until a poll found a completed task or the window passed. They run on the consumer's own
 * single scheduler thread, so they never overlap a regular poll.
 */
final class PromptPolls {

    private static final Logger LOG = LoggerFactory.getLogger(PromptPolls.class);

    private final Runnable poll;
    private final long delayMillis;
    private final long windowNanos;
    private final AtomicBoolean active = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    private volatile long untilNanos;
    private volatile boolean sawCompletion;
    private int pollsThisTime;

    /** @param poll one full poll of the consumer (its {@code run()}: poll strategy, error handling, backoff) */
    PromptPolls(Runnable poll, long delayMillis, long windowMillis) {
        this.poll = poll;
        this.delayMillis = delayMillis;
        this.windowNanos = TimeUnit.MILLISECONDS.toNanos(windowMillis);
    }

    /** Polls on this executor from now on; null (or a delay of 0) turns prompt polls off. */
    void start(ScheduledExecutorService executor) {
        this.executor = delayMillis > 0 ? executor : null;
    }

    void stop() {
        executor = null;
    }

    /** Tasks were added to the job; {@code idle}: the consumer saw none in flight when it last asked. */
    void tasksAdded(boolean idle) {
        if (!idle || executor == null) {
            return;
        }
        untilNanos = System.nanoTime() + windowNanos;
        if (active.compareAndSet(false, true)) {
            sawCompletion = false;
            schedule();
        }
    }

    /** A poll (prompt or regular) emitted completed tasks: prompt polling has done its job. */
    void completionsSeen() {
        sawCompletion = true;
    }

    boolean isActive() {
        return active.get();
    }

    private void schedule() {
        ScheduledExecutorService current = executor;
        if (current == null) {
            active.set(false);
            return;
        }
        try {
            current.schedule(this::pollOnce, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) { // the consumer is stopping
            active.set(false);
        }
    }

    private void pollOnce() {
        if (executor != null && !sawCompletion) {
            poll.run();
            pollsThisTime++;
        }
        if (sawCompletion || System.nanoTime() - untilNanos > 0) {
            LOG.debug("{} prompt poll(s) after tasks were added to an idle job ({})", pollsThisTime,
                    sawCompletion ? "a completion was seen" : "window passed");
            pollsThisTime = 0;
            active.set(false);
        } else {
            schedule();
        }
    }
}
