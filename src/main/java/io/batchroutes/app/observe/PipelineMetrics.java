package io.batchroutes.app.observe;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.batchroutes.component.AzureBatchCallCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The pipeline's own figures, next to Camel's route metrics on {@code /observe/metrics}: files received,
 * succeeded and failed, files in flight, the submission queue, task and drop-to-result latency.
 */
public final class PipelineMetrics {

    private final Counter received;
    private final Counter succeeded;
    private final Counter failed;
    private final Timer taskDuration;
    private final Timer endToEnd;
    private final AtomicLong inFlight = new AtomicLong();
    private final MeterRegistry meters;

    public PipelineMetrics(MeterRegistry registry, Supplier<Number> submitQueueDepth) {
        meters = registry != null ? registry : new SimpleMeterRegistry();
        received = Counter.builder("batchroutes.files.received").description("Files taken from the input folder").register(meters);
        succeeded = Counter.builder("batchroutes.files.succeeded").description("Files whose results were collected").register(meters);
        failed = Counter.builder("batchroutes.files.failed").description("Files that ended with a reason").register(meters);
        taskDuration = Timer.builder("batchroutes.task.duration").description("Batch task run time, start to end").register(meters);
        endToEnd = Timer.builder("batchroutes.file.latency").description("From the file's last change to its result").register(meters);
        Gauge.builder("batchroutes.files.inflight", inFlight, AtomicLong::get).description("Files submitted and not yet collected")
                .register(meters);
        Gauge.builder("batchroutes.submit.queue", submitQueueDepth, s -> s.get().doubleValue())
                .description("Tasks waiting to be submitted").register(meters);
    }

    /** Publishes the azure-batch component's calls, retries and throttled answers (429/503). */
    public void bindBatchCalls(AzureBatchCallCounts stats) {
        FunctionCounter.builder("batchroutes.batch.calls", stats, AzureBatchCallCounts::calls)
                .description("Requests sent to Azure Batch, retries included").register(meters);
        FunctionCounter.builder("batchroutes.batch.retries", stats, AzureBatchCallCounts::retries)
                .description("Azure Batch requests retried after a transient failure").register(meters);
        FunctionCounter.builder("batchroutes.batch.throttled", stats, AzureBatchCallCounts::throttled)
                .description("Azure Batch answers that were throttling (429, 503)").register(meters);
    }

    /** Files found in flight at start (re-attached after a crash): in flight again, not received again. */
    public void reattached(int files) {
        inFlight.addAndGet(files);
    }

    /** Results collected so far; it grows only while the pool works. */
    public long succeededTotal() {
        return (long) succeeded.count();
    }

    /** A received file another process claimed first: no longer in flight here, and neither succeeded nor failed. */
    public void abandoned() {
        inFlight.decrementAndGet();
    }

    /** Files submitted and not yet collected. */
    public long inFlightCount() {
        return inFlight.get();
    }

    public void received() {
        received.increment();
        inFlight.incrementAndGet();
    }

    public void succeeded(Duration task, Duration dropToResult) {
        succeeded.increment();
        inFlight.decrementAndGet();
        record(taskDuration, task);
        record(endToEnd, dropToResult);
    }

    public void failed(Duration dropToReason) {
        failed.increment();
        inFlight.decrementAndGet();
        record(endToEnd, dropToReason);
    }

    public double receivedCount() {
        return received.count();
    }

    public double succeededCount() {
        return succeeded.count();
    }

    public double failedCount() {
        return failed.count();
    }

    private static void record(Timer timer, Duration duration) {
        if (duration != null && !duration.isNegative()) {
            timer.record(duration);
        }
    }
}
