package io.batchroutes.app;

import java.io.IOException;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same file (name, size, modification time) dropped again after it was processed has the same task id, and
 * Batch already holds that finished task: it is not run twice. Its earlier outcome stands; a file with new content
 * (or touched) is a new file and runs again.
 */
public final class RepeatedDrops {

    /** The folder (under the input folder) the file moves to when its exchange completes. */
    public static final String NEXT_FOLDER = "BatchRoutesNextFolder";
    private static final Logger LOG = LoggerFactory.getLogger(RepeatedDrops.class);

    private final InputFolder inputs;

    public RepeatedDrops(InputFolder inputs) {
        this.inputs = inputs;
    }

    /**
     * Sets {@link #NEXT_FOLDER}: {@code processing} for a new file, or the earlier outcome ({@code done},
     * {@code failed}) of this exact file; returns true when the file is new.
     */
    public boolean check(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        long size = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        long modified = exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class);
        String outcome = inputs.earlierOutcome(name, size, modified);
        if (outcome != null) {
            LOG.info("{} was already processed ({}): not run again; change or touch the file to run it again", name, outcome);
        }
        exchange.getMessage().setHeader(NEXT_FOLDER, outcome == null ? InputFolder.PROCESSING : outcome);
        return outcome == null;
    }
}
