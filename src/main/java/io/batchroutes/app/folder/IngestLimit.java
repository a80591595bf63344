package io.batchroutes.app.folder;

import java.util.function.LongSupplier;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;
import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Back-pressure for the input folder (the ingest consumer's {@code pollStrategy}): while {@code max-in-flight} files
 * are staged and not yet done, the folder is not scanned at all, and new files wait in it, untouched, until some are
 * done. Files dropped by the hundred thousand are then staged as the pool works them off, not all at once: storage
 * holds, and the service tracks, a bounded number (Azurite re-writes its whole blob index as it changes, so its CPU
 * per request grew with every staged blob: 9 files/s with 17,000 staged against 74 with a few hundred).
 * A scan takes no more than the room left under the limit ({@code max-per-scan} at most), so the limit is exact:
 * Azurite's CPU per delete doubles from a few hundred blobs held to a thousand, so overshooting it by a scan's worth
 * (199 files with the default scan) was not free either. Once held, scanning resumes when a whole bundle's worth of
 * room is free ({@code resumeRoom}, the largest {@code bundle.max-files}), not at the first file done: taking the
 * few files each moment freed cut bundles of 50 down to 30 on average (more tasks, more interpreter starts).
 */
public final class IngestLimit extends DefaultPollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLimit.class);

    private final LongSupplier filesInFlight;
    private final long maxInFlight;
    private final long resumeRoom;
    private volatile boolean holding;
    /** The consumer's own {@code maxMessagesPerPoll} (0: no limit), read at its first scan. */
    private Integer scanSize;

    /** Files the automatic limit never goes below. */
    static final long AUTOMATIC_MINIMUM = 500;

    /**
     * {@code max-in-flight = 0}: enough to keep every slot busy four times over with the largest bundle (what is
     * running, what is queued behind it, and what is being staged and collected), and at least 500.
     */
    public static long automatic(int poolSlots, int largestBundle) {
        return Math.max(AUTOMATIC_MINIMUM, 4L * Math.max(1, poolSlots) * Math.max(1, largestBundle));
    }

    public IngestLimit(LongSupplier filesInFlight, long maxInFlight) {
        this(filesInFlight, maxInFlight, 1);
    }

    /** {@code resumeRoom}: the room that must be free again before a held folder is scanned (at most the limit). */
    public IngestLimit(LongSupplier filesInFlight, long maxInFlight, long resumeRoom) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("batchroutes.ingest.max-in-flight must be at least 1, not " + maxInFlight);
        }
        this.filesInFlight = filesInFlight;
        this.maxInFlight = maxInFlight;
        this.resumeRoom = Math.max(1, Math.min(resumeRoom, maxInFlight));
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        long room = maxInFlight - filesInFlight.getAsLong();
        boolean full = room < (holding ? resumeRoom : 1);
        if (full != holding) {
            holding = full;
            if (full) {
                LOG.info("{} files in flight (batchroutes.ingest.max-in-flight): new files wait in the input folder until some are done",
                        maxInFlight);
            } else {
                LOG.info("Fewer than {} files in flight: taking new files again", maxInFlight);
            }
        }
        if (!full && consumer instanceof ScheduledBatchPollingConsumer scanner) {
            scanner.setMaxMessagesPerPoll(scanLimit(scanner, room));
        }
        return !full;
    }

    /** At most the room left (at least one), and never more than the consumer's own limit. */
    private int scanLimit(ScheduledBatchPollingConsumer scanner, long room) {
        if (scanSize == null) {
            scanSize = scanner.getMaxMessagesPerPoll();
        }
        long limit = Math.max(1, room);
        return (int) (scanSize > 0 ? Math.min(scanSize, limit) : Math.min(Integer.MAX_VALUE, limit));
    }
}
