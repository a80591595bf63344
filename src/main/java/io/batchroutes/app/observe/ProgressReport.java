package io.batchroutes.app.observe;

import java.time.Duration;
import java.time.Instant;

import com.microsoft.azure.batch.protocol.models.TaskCounts;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One progress line per period while the job has work, and one when a burst of work is finished; nothing while
 * idle. Built from the job's task counts (one cheap Batch call per period).
 */
public final class ProgressReport {

    private static final Logger LOG = LoggerFactory.getLogger("io.batchroutes.progress");

    private final String jobId;
    private final PipelineMetrics metrics;
    private Instant burstStart;
    private int completedAtStart;
    private int failedAtStart;
    private int lastCompleted;
    private int lastFailed;

    public ProgressReport(String jobId, PipelineMetrics metrics) {
        this.jobId = jobId;
        this.metrics = metrics;
    }

    /** Returns the line logged, or null when idle. */
    public synchronized String report(@Body TaskCountsResult result) {
        if (result == null || result.taskCounts() == null) {
            return null;
        }
        TaskCounts counts = result.taskCounts();
        int pending = counts.active() + counts.running();
        if (burstStart == null) {
            if (pending == 0) {
                return null;
            }
            burstStart = Instant.now();
            completedAtStart = counts.completed();
            failedAtStart = counts.failed();
            lastCompleted = counts.completed();
            lastFailed = counts.failed();
        }
        // Collected tasks are deleted (each, or an older job with all of its): the service's counts then drop by what
        // went, which is not undone work. Shift the baseline by the drop, so done never goes backwards.
        if (counts.completed() < lastCompleted) {
            completedAtStart -= lastCompleted - counts.completed();
        }
        if (counts.failed() < lastFailed) {
            failedAtStart -= lastFailed - counts.failed();
        }
        lastCompleted = counts.completed();
        lastFailed = counts.failed();
        int done = counts.completed() - completedAtStart;
        int failed = counts.failed() - failedAtStart;
        double seconds = Math.max(0.001, Duration.between(burstStart, Instant.now()).toMillis() / 1000.0);
        double rate = done / seconds;
        String line;
        if (pending == 0) {
            line = String.format("progress job=%s finished %d task(s) in %.1fs, %d failed (%.1f/s); files received=%.0f succeeded=%.0f failed=%.0f",
                    jobId, done, seconds, failed, rate, metrics.receivedCount(), metrics.succeededCount(), metrics.failedCount());
            burstStart = null;
        } else {
            String eta = rate > 0 ? String.format("%.0fs", pending / rate) : "unknown";
            line = String.format("progress job=%s done=%d/%d failed=%d running=%d waiting=%d rate=%.1f/s eta=%s",
                    jobId, done, done + pending, failed, counts.running(), counts.active(), rate, eta);
        }
        LOG.info(line);
        return line;
    }
}
