package io.batchroutes.app.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The same file (name, size, modification time) dropped again after it was processed has the same task id, and
 * Batch already holds that finished task: it is not run twice. Its earlier outcome stands; a file with new content
 * (or touched) is a new file and runs again. This only tells; the ingest route hands a repeated drop to
 * {@code outcome.FileOutcomes.repeated}.
 */
public final class RepeatedDrops {

    /** The header the ingest route keeps the earlier outcome in ({@code done} or {@code failed}; absent if new). */
    public static final String EARLIER_OUTCOME_HEADER = "BatchRoutesEarlierOutcome";

    private final InputFolder inputs;

    public RepeatedDrops(InputFolder inputs) {
        this.inputs = inputs;
    }

    /**
     * The state an earlier run of this very file (same name, size and modification time) ended in:
     * {@link InputFolder#DONE} or {@link InputFolder#FAILED}; null for a new file.
     */
    public String earlierOutcome(@Header(Exchange.FILE_NAME_ONLY) String name, @Header(Exchange.FILE_LENGTH) Long size,
            @Header(Exchange.FILE_LAST_MODIFIED) Long lastModified) throws IOException {
        for (String state : new String[] {InputFolder.DONE, InputFolder.FAILED}) {
            Path earlier = inputs.state(state).resolve(name);
            if (Files.isRegularFile(earlier) && Files.size(earlier) == (size == null ? 0 : size)
                    && Files.getLastModifiedTime(earlier).toMillis() == (lastModified == null ? 0 : lastModified)) {
                return state;
            }
        }
        return null;
    }
}
