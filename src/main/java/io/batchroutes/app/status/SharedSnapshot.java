package io.batchroutes.app.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.TaskCounts;
import io.batchroutes.app.status.StatusSnapshot.Cost;
import io.batchroutes.app.status.StatusSnapshot.Pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one snapshot every viewer shares. {@link #tick()} runs at the fixed pace and refreshes it only while someone
 * looked recently; a viewer never triggers Batch calls of its own, except the first after a quiet spell (then one
 * refresh is made for everybody waiting). A refresh costs getPool, listNodes, getTaskCounts and, while tasks run,
 * listTasks of the running ones.
 */
final class SharedSnapshot {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSnapshot.class);

    private final BatchReader batch;
    private final RecentFiles files;
    private final BiFunction<String, Instant, Optional<String>> failedReason;
    private final String poolId;
    private final String jobId;
    private final Duration pace;
    private final Duration idleAfter;
    private final Clock clock;
    private final AtomicLong refreshes = new AtomicLong();
    private final AtomicLong followReads;
    private volatile StatusSnapshot current;
    private volatile Instant lastViewed = Instant.MIN;
    private volatile String lastError;

    SharedSnapshot(BatchReader batch, RecentFiles files, BiFunction<String, Instant, Optional<String>> failedReason, String poolId,
                   String jobId, Duration pace, Clock clock, AtomicLong followReads) {
        this.batch = batch;
        this.files = files;
        this.failedReason = failedReason;
        this.poolId = poolId;
        this.jobId = jobId;
        this.pace = pace;
        this.idleAfter = pace.multipliedBy(10).compareTo(Duration.ofSeconds(30)) > 0 ? pace.multipliedBy(10)
                : Duration.ofSeconds(30);
        this.clock = clock;
        this.followReads = followReads;
    }

    /** The shared snapshot; refreshed first only if there is none or it is older than two periods (a quiet spell). */
    StatusSnapshot view() {
        lastViewed = clock.instant();
        StatusSnapshot snapshot = current;
        if (snapshot == null || snapshot.takenAt().plus(pace.multipliedBy(2)).isBefore(clock.instant())) {
            synchronized (this) {
                snapshot = current;
                if (snapshot == null || snapshot.takenAt().plus(pace.multipliedBy(2)).isBefore(clock.instant())) {
                    refresh();
                }
            }
        }
        return current;
    }

    /** Called at the fixed pace: refreshes while someone looked within the idle window, else costs nothing. */
    void tick() {
        if (lastViewed.plus(idleAfter).isAfter(clock.instant())) {
            synchronized (this) {
                refresh();
            }
        }
    }

    /** The last snapshot without counting as a viewer (null before the first refresh). */
    StatusSnapshot peek() {
        return current;
    }

    private void refresh() {
        refreshes.incrementAndGet();
        StatusSnapshot before = current;
        Pool pool = before == null ? SnapshotBuilder.pool(poolId, null) : before.pool();
        List<StatusSnapshot.Node> nodes = before == null ? List.of() : before.nodes();
        TaskCounts counts = null;
        String error = null;
        try {
            CloudPool cloudPool = batch.pool();
            pool = SnapshotBuilder.pool(poolId, cloudPool);
            nodes = cloudPool == null ? List.of() : SnapshotBuilder.nodes(batch.nodes(), pool.slotsPerNode());
            counts = batch.taskCounts();
            if (counts != null) {
                SnapshotBuilder.running(counts.running() > 0 ? batch.runningTasks() : List.of(), files);
            }
        } catch (Exception e) {
            error = BatchFailures.describe(e);
            if (!error.equals(lastError)) {
                LOG.warn("Status page: Batch could not be read: {}", error);
            }
        }
        lastError = error;
        files.reconcile(failedReason);
        StatusSnapshot.Job job = counts == null && before != null && error != null ? before.job()
                : SnapshotBuilder.job(jobId, counts, files);
        current = new StatusSnapshot(clock.instant(), pace.toMillis(), error, pool, nodes, job, files.views(),
                new Cost(refreshes.get(), batch.requests(), followReads.get()));
    }

    long refreshes() {
        return refreshes.get();
    }
}
