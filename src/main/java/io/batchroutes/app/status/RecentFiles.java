package io.batchroutes.app.status;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.batchroutes.app.status.StatusSnapshot.FileView;
import io.batchroutes.app.status.StatusSnapshot.Result;

/**
 * The files this daemon handled lately, kept in memory from the pipeline's own events (staged, running, finished) at
 * no Batch cost, and the completions of the last minutes for the chart and the pace. At most {@code capacity} files:
 * the oldest finished ones go first.
 */
final class RecentFiles {

    static final int BUCKET_SECONDS = 10;
    static final int BUCKETS = 60;
    private static final Duration PACE_WINDOW = Duration.ofSeconds(60);

    /** {@code collecting}: Batch has finished the task, the daemon is bringing its result or reason home. */
    enum State { waiting, running, collecting, done, failed }

    private static final class Entry {
        final String taskId;
        final String name;
        String workType;
        State state;
        String node;
        Instant staged;
        Instant started;
        Instant ended;
        Instant updated;
        String reason;
        List<Path> results = List.of();

        Entry(String taskId, String name) {
            this.taskId = taskId;
            this.name = name;
        }

        boolean finished() {
            return state == State.done || state == State.failed;
        }
    }

    private final Map<String, Entry> byTask = new HashMap<>();
    private final int capacity;
    private final Clock clock;
    private final Function<String, String> workTypeOf;
    private final long[] succeededBuckets = new long[BUCKETS];
    private final long[] failedBuckets = new long[BUCKETS];
    private final List<Instant> recentCompletions = new ArrayList<>();
    private long newestBucket = Long.MIN_VALUE;

    /** @param workTypeOf the work type that takes a file name, or null */
    RecentFiles(int capacity, Clock clock, Function<String, String> workTypeOf) {
        this.capacity = Math.max(1, capacity);
        this.clock = clock;
        this.workTypeOf = workTypeOf;
    }

    /** A file was staged and its task queued. */
    synchronized void staged(String taskId, String name) {
        Entry entry = entry(taskId, name);
        if (!entry.finished()) {
            entry.state = State.waiting;
            entry.staged = clock.instant();
        }
        touch(entry);
    }

    /** Batch reports the task running (from the shared snapshot's list of running tasks). */
    synchronized void running(String taskId, String name, String node, Instant started) {
        Entry entry = entry(taskId, name);
        if (entry.finished()) {
            return;
        }
        if (entry.state != State.running) {
            touch(entry);
        }
        entry.state = State.running;
        entry.node = node;
        entry.started = started;
    }

    /** Files seen running whose task Batch no longer lists as running: finished there, not yet collected here. */
    synchronized void onlyTheseRun(Set<String> runningTaskIds) {
        for (Entry entry : byTask.values()) {
            if (entry.state == State.running && !runningTaskIds.contains(entry.taskId)) {
                entry.state = State.collecting;
                touch(entry);
            }
        }
    }

    /** The task was collected: its results are on this machine, or it failed with {@code reason}. */
    synchronized void finished(String taskId, String name, boolean success, String node, Instant started, Instant ended,
                               String reason, List<Path> results) {
        Entry entry = entry(taskId, name);
        boolean first = !entry.finished();
        entry.state = success ? State.done : State.failed;
        entry.node = node != null ? node : entry.node;
        entry.started = started != null ? started : entry.started;
        entry.ended = ended != null ? ended : clock.instant();
        entry.reason = reason;
        entry.results = List.copyOf(results);
        touch(entry);
        if (first) {
            countCompletion(success);
        }
    }

    /** A file failed before it had a task (staging or submission). */
    synchronized void failedToStart(String name, String reason) {
        finished("no-task:" + name, name, false, null, null, clock.instant(), reason, List.of());
    }

    /**
     * Files waiting or running whose outcome another path decided (e.g. failed for an unusable pool): {@code
     * failedSince} gives a failed input's reason if it was written after the given time.
     */
    synchronized void reconcile(BiFunction<String, Instant, Optional<String>> failedSince) {
        for (Entry entry : List.copyOf(byTask.values())) {
            if (!entry.finished() && entry.staged != null) {
                failedSince.apply(entry.name, entry.staged).ifPresent(reason ->
                        finished(entry.taskId, entry.name, false, entry.node, entry.started, null, reason, List.of()));
            }
        }
    }

    synchronized boolean isKnown(String taskId) {
        return byTask.containsKey(taskId);
    }

    /** The task has ended in Batch (collecting, done or failed), or is not known at all. */
    synchronized boolean hasTaskEnded(String taskId) {
        Entry entry = byTask.get(taskId);
        return entry == null || entry.finished() || entry.state == State.collecting;
    }

    /** The result file {@code index} of a collected task, if it is one of the results recorded for it. */
    synchronized Optional<Path> result(String taskId, int index) {
        Entry entry = byTask.get(taskId);
        return entry == null || index < 0 || index >= entry.results.size() ? Optional.empty()
                : Optional.of(entry.results.get(index));
    }

    /** Running files first, then collecting, waiting, and the finished ones; newest first within each. */
    synchronized List<FileView> views() {
        Instant now = clock.instant();
        return byTask.values().stream()
                .sorted(Comparator.comparingInt((Entry e) -> e.state == State.running ? 0
                                : e.state == State.collecting ? 1 : e.state == State.waiting ? 2 : 3)
                        .thenComparing((Entry e) -> e.updated, Comparator.reverseOrder()))
                .map(e -> view(e, now)).toList();
    }

    /** Completions per bucket, oldest first; index 0 succeeded, 1 failed. */
    synchronized List<List<Integer>> buckets() {
        roll(clock.instant());
        List<Integer> succeeded = new ArrayList<>(BUCKETS);
        List<Integer> failed = new ArrayList<>(BUCKETS);
        for (int i = BUCKETS - 1; i >= 0; i--) {
            int slot = slot(newestBucket - i);
            succeeded.add((int) succeededBuckets[slot]);
            failed.add((int) failedBuckets[slot]);
        }
        return List.of(succeeded, failed);
    }

    /** Files finished per second over the last minute (or since the first of them, if that is shorter). */
    synchronized double filesPerSecond() {
        Instant now = clock.instant();
        recentCompletions.removeIf(at -> at.isBefore(now.minus(PACE_WINDOW)));
        if (recentCompletions.isEmpty()) {
            return 0;
        }
        double seconds = Math.max(BUCKET_SECONDS, Duration.between(recentCompletions.get(0), now).toMillis() / 1000.0);
        return recentCompletions.size() / Math.min(PACE_WINDOW.toSeconds(), seconds);
    }

    private FileView view(Entry e, Instant now) {
        Instant from = e.started != null ? e.started : e.staged;
        Instant to = e.finished() ? e.ended : now;
        Double seconds = from == null || to == null ? null : Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < e.results.size(); i++) {
            results.add(new Result(e.results.get(i).getFileName().toString(), StatusHttp.BASE + "/result/" + e.taskId + "/" + i));
        }
        return new FileView(e.name, e.workType, e.taskId, e.state.name(), e.node, seconds, e.updated, e.reason, results);
    }

    private Entry entry(String taskId, String name) {
        Entry entry = byTask.computeIfAbsent(taskId, id -> new Entry(id, name));
        if (entry.state == null) {
            entry.state = State.waiting;
            entry.workType = workTypeOf.apply(name);
        }
        return entry;
    }

    private void touch(Entry entry) {
        entry.updated = clock.instant();
        if (byTask.size() > capacity) {
            evictOne();
        }
    }

    /** The oldest finished entry, else the oldest of all. */
    private void evictOne() {
        Entry oldest = null;
        for (Entry e : byTask.values()) {
            if (oldest == null || (e.finished() && !oldest.finished())
                || e.finished() == oldest.finished() && e.updated.isBefore(oldest.updated)) {
                oldest = e;
            }
        }
        if (oldest != null) {
            byTask.remove(oldest.taskId);
        }
    }

    private void countCompletion(boolean success) {
        Instant now = clock.instant();
        roll(now);
        int slot = slot(newestBucket);
        (success ? succeededBuckets : failedBuckets)[slot]++;
        recentCompletions.add(now);
    }

    /** Empties the buckets that passed since the newest one. */
    private void roll(Instant now) {
        long bucket = now.getEpochSecond() / BUCKET_SECONDS;
        if (newestBucket == Long.MIN_VALUE) {
            newestBucket = bucket;
            return;
        }
        for (long b = newestBucket + 1; b <= bucket && b <= newestBucket + BUCKETS; b++) {
            succeededBuckets[slot(b)] = 0;
            failedBuckets[slot(b)] = 0;
        }
        newestBucket = Math.max(newestBucket, bucket);
    }

    private static int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) BUCKETS);
    }

    /** For tests: how many entries are kept. */
    synchronized int size() {
        return byTask.size();
    }
}
