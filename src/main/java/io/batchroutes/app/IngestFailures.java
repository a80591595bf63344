package io.batchroutes.app;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fails a file that could not be staged or queued, with the reason beside it in {@code failed/}. */
public final class IngestFailures {

    private static final Logger LOG = LoggerFactory.getLogger(IngestFailures.class);

    private final InputFolder inputs;
    private final PipelineMetrics metrics;

    public IngestFailures(InputFolder inputs, PipelineMetrics metrics) {
        this.inputs = inputs;
        this.metrics = metrics;
    }

    /** Another process claimed the file first: this daemon lets it go (its upload was wasted, nothing else). */
    public void claimLost(Exchange exchange) {
        metrics.abandoned();
        LOG.info("Skipped {}: another process claimed it first",
                exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class));
    }

    public void record(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String step = exchange.getMessage().getHeader(TaskIds.TASK_ID) == null ? "naming" : "staging or submission";
        String reason = "The file could not be submitted (" + step + " failed).\n"
                + "task: " + exchange.getMessage().getHeader(TaskIds.TASK_ID, "none", String.class) + "\n"
                + "error: " + (cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage()) + "\n";
        inputs.fail(name, reason);
        metrics.failed(null);
        LOG.warn("Failed {}: {}", name, reason.lines().skip(2).findFirst().orElse(""));
    }
}
