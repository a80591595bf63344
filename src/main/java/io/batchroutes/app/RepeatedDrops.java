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

    private static final Logger LOG = LoggerFactory.getLogger(RepeatedDrops.class);

    private final InputFolder inputs;

    public RepeatedDrops(InputFolder inputs) {
        this.inputs = inputs;
    }

    /**
     * Returns true when the file is new; a file that was processed before is moved straight back to its earlier
     * outcome ({@code done/} or {@code failed/}, whose reason file still stands).
     */
    public boolean check(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        long size = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        long modified = exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class);
        String outcome = inputs.earlierOutcome(name, size, modified);
        if (outcome != null) {
            LOG.info("{} was already processed ({}): not run again; change or touch the file to run it again", name, outcome);
            inputs.moveFromRoot(name, outcome);
        }
        return outcome == null;
    }
}
