package io.batchroutes.emulator.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that answer requests (handlers may block: file reads, locks). A {@link ThreadPoolExecutor} only grows
 * past its core size when its queue refuses a task, so with an unbounded queue the core size must be the maximum:
 * {@code threads} core threads that time out when idle, then a queue.
 */
final class RequestWorkers {
    private RequestWorkers() {
    }

    static ExecutorService create(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "batch-emulator-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
