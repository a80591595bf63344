package io.batchroutes.app;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;

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
        letGo(exchange, "another process claimed it first");
    }

    /** Not failed: the file is someone else's now. Counted out of flight if it was counted in (it has a task id). */
    private void letGo(Exchange exchange, String why) {
        if (exchange.getMessage().getHeader(TaskIds.TASK_ID) != null) {
            metrics.abandoned();
        }
        LOG.info("Skipped {}: {}", exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class), why);
    }

    public void record(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (vanished(name, cause)) {
            // Failing it would write a reason for a file that is not ours and move another daemon's file from
            // processing/ to failed/.
            letGo(exchange, "it left the input folder before this daemon could stage it (another process took it)");
            return;
        }
        String step = exchange.getMessage().getHeader(TaskIds.TASK_ID) == null ? "naming" : "staging or submission";
        String reason = "The file could not be submitted (" + step + " failed).\n"
                + "task: " + exchange.getMessage().getHeader(TaskIds.TASK_ID, "none", String.class) + "\n"
                + "error: " + (cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage()) + "\n";
        inputs.fail(name, reason);
        metrics.failed(null);
        LOG.warn("Failed {}: {}", name, reason.lines().skip(2).findFirst().orElse(""));
    }

    /**
     * The failure was the file missing (read for the upload, or moved) and it is no longer in the input folder:
     * another daemon on the same folder claimed it meanwhile, or the user took it back.
     */
    private boolean vanished(String name, Exception cause) {
        if (name == null || Files.exists(inputs.root().resolve(name), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if ((t instanceof NoSuchFileException || t instanceof FileNotFoundException)
                    && String.valueOf(t.getMessage()).contains(File.separator + name)) {
                return true;
            }
        }
        return false;
    }
}
