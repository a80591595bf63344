package io.batchroutes.app.status;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.batchroutes.app.status.BatchReader.FileChunk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the stdout.txt and stderr.txt of tasks someone watches, for every viewer at once: at the follow pace each
 * watched stream is read from where the last read ended (a ranged read: only new bytes travel; nothing new costs one
 * properties call), the last {@link #KEEP} bytes are kept, and once the task has ended one last read is made and
 * the stream is kept as it was. At most {@link #MAX_FOLLOWED} tasks at once; a task nobody asked about for the
 * idle window is no longer read.
 */
final class OutputFollower {

    static final int KEEP = 64 * 1024;
    static final int MAX_FOLLOWED = 4;
    static final List<String> STREAMS = List.of("stdout.txt", "stderr.txt");
    private static final Logger LOG = LoggerFactory.getLogger(OutputFollower.class);

    /** What a viewer gets: the kept bytes from {@code from} on, and where they end (ask from there next time). */
    record OutputView(String taskId, String stream, long start, long end, String text, boolean ended,
                      boolean truncated, String error) {
    }

    private static final class Stream {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long start;
        long end = -1;
        String error;

        void append(FileChunk chunk) {
            byte[] bytes = kept.toByteArray();
            if (end < 0 || chunk.offset() != end) {
                bytes = new byte[0]; // first read (from the tail) or a gap: start over here
                start = chunk.offset();
            }
            byte[] joined = new byte[bytes.length + chunk.bytes().length];
            System.arraycopy(bytes, 0, joined, 0, bytes.length);
            System.arraycopy(chunk.bytes(), 0, joined, bytes.length, chunk.bytes().length);
            int drop = Math.max(0, joined.length - KEEP);
            kept.reset();
            kept.write(joined, drop, joined.length - drop);
            start += drop;
            end = chunk.end();
        }
    }

    private static final class Followed {
        final Map<String, Stream> streams = new LinkedHashMap<>();
        Instant lastAsked;
        boolean ended;

        Followed() {
            STREAMS.forEach(name -> streams.put(name, new Stream()));
        }
    }

    private final BatchReader batch;
    private final Predicate<String> finished;
    private final Duration idleAfter;
    private final Clock clock;
    private final AtomicLong reads;
    private final Map<String, Followed> followed = new LinkedHashMap<>();

    /** @param finished whether a task has ended (then one last read is made) */
    OutputFollower(BatchReader batch, Predicate<String> finished, Duration idleAfter, Clock clock, AtomicLong reads) {
        this.batch = batch;
        this.finished = finished;
        this.idleAfter = idleAfter;
        this.clock = clock;
        this.reads = reads;
    }

    /** The kept output of {@code stream} from byte {@code from}; starts following the task if nobody did. */
    OutputView view(String taskId, String stream, long from) {
        if (!STREAMS.contains(stream)) {
            throw new IllegalArgumentException("stream must be one of " + STREAMS);
        }
        Followed f;
        boolean fresh;
        synchronized (this) {
            f = followed.get(taskId);
            fresh = f == null;
            if (fresh) {
                f = new Followed();
            }
            f.lastAsked = clock.instant();
            if (fresh) {
                followed.put(taskId, f);
                evictBeyondLimit();
            }
        }
        if (fresh) {
            read(taskId, f);
        }
        synchronized (f) {
            Stream s = f.streams.get(stream);
            byte[] kept = s.kept.toByteArray();
            long begin = Math.max(from, s.start);
            int skip = (int) Math.min(kept.length, Math.max(0, begin - s.start));
            String text = new String(kept, skip, kept.length - skip, StandardCharsets.UTF_8);
            return new OutputView(taskId, stream, s.start, Math.max(s.end, 0), text, f.ended, from < s.start, s.error);
        }
    }

    /** At the follow pace: one read of each stream of each task watched lately that has not ended. */
    void tick() {
        List<Map.Entry<String, Followed>> due = new ArrayList<>();
        synchronized (this) {
            Instant quietSince = clock.instant().minus(idleAfter);
            for (Map.Entry<String, Followed> e : followed.entrySet()) {
                if (!e.getValue().ended && e.getValue().lastAsked.isAfter(quietSince)) {
                    due.add(e);
                }
            }
        }
        due.forEach(e -> read(e.getKey(), e.getValue()));
    }

    /** Reads what is new; when the task had ended before this read began, this was the last one. */
    private void read(String taskId, Followed f) {
        boolean endedBefore = finished.test(taskId);
        synchronized (f) {
            for (Map.Entry<String, Stream> e : f.streams.entrySet()) {
                Stream s = e.getValue();
                try {
                    reads.incrementAndGet();
                    long from = s.end < 0 ? -KEEP : s.end;
                    FileChunk chunk = batch.taskFile(taskId, e.getKey(), from, KEEP);
                    if (s.end < 0 || chunk.bytes().length > 0) {
                        s.append(chunk);
                    }
                    s.error = null;
                } catch (Exception ex) {
                    s.error = BatchFailures.describe(ex);
                    LOG.debug("Status page: {} of task {} could not be read: {}", e.getKey(), taskId, s.error);
                }
            }
            f.ended = endedBefore;
        }
    }

    private void evictBeyondLimit() {
        while (followed.size() > MAX_FOLLOWED) {
            String oldest = null;
            Instant oldestAsked = null;
            for (Map.Entry<String, Followed> e : followed.entrySet()) {
                Instant asked = e.getValue().lastAsked == null ? Instant.MIN : e.getValue().lastAsked;
                if (oldest == null || asked.isBefore(oldestAsked)) {
                    oldest = e.getKey();
                    oldestAsked = asked;
                }
            }
            followed.remove(oldest);
        }
    }
}
