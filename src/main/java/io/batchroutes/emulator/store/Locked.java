package io.batchroutes.emulator.store;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A record guarded by its own lock: the store's per-key locking. Callers that need two locks take the job's before
 * the pool's, never the other way round.
 */
public abstract class Locked {
    private final ReentrantLock lock = new ReentrantLock();

    public final <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    public final void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
