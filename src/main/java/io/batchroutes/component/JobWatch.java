package io.batchroutes.component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchErrors;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the consumer knows of one job between polls: the change detector (task counts), the completion watermark and
 * the ids emitted inside its window. One poll of the job makes one call (see {@link AzureBatchConsumer}).
 */
final class JobWatch {

    private static final Logger LOG = LoggerFactory.getLogger(JobWatch.class);

    private final String jobId;
    /** Emitted task id → its completion time; only ids inside the watermark window are kept. */
    private final Map<String, Instant> seen = new HashMap<>();
    private Instant latestCompletion;
    private long emittedTotal;
    /** Completed tasks the consumer deleted (deleteCompleted); added to the completed count it compares. */
    private final AtomicLong deletedTotal = new AtomicLong();
    private int lastCompletedCount = -1;
    private boolean listNext;
    private boolean jobMissing;
    private boolean jobMissingLogged;
    private long lastListNanos;
    private long nextListNanos;
    /** Active plus running tasks at the last task counts (0 while the job does not exist, -1 before the first). */
    private volatile int inFlightAtLastCount = -1;

    JobWatch(String jobId) {
        this.jobId = jobId;
    }

    String jobId() {
        return jobId;
    }

    /** Polls the job once; each newly completed task goes to {@code emit}. Returns how many were emitted. */
    int poll(AzureBatchConfiguration configuration, BatchClientWrapper client, Consumer<CloudTask> emit) throws Exception {
        if (listNext && System.nanoTime() - nextListNanos < 0) {
            return 0;
        }
        if (!listNext && !completedCountChanged(client)) {
            return 0;
        }
        List<CloudTask> tasks;
        try {
            tasks = client.listTasks(jobId, filter(configuration), AzureBatchConsumer.selectWithId(configuration.getSelect()),
                    configuration.getMaxResults());
        } catch (Exception e) {
            listNext = false;
            lastCompletedCount = -1;
            throw e;
        }
        int polled = 0;
        for (CloudTask task : tasks) {
            if (task.id() == null || seen.containsKey(task.id())) {
                continue;
            }
            Instant completion = completionTime(task);
            seen.put(task.id(), completion);
            if (latestCompletion == null || completion.isAfter(latestCompletion)) {
                latestCompletion = completion;
            }
            emittedTotal++;
            emit.accept(task);
            polled++;
        }
        forgetOutsideWindow(configuration.getStateTransitionMargin());
        // Task counts and the task list may disagree for a moment; list again until the list caught up.
        boolean lagging = ObjectHelper.isEmpty(configuration.getFilter()) && emittedTotal < lastCompletedCount;
        listNext = lagging || configuration.isAdaptivePoll() && polled > 0;
        spaceNextList(configuration, polled);
        if (polled > 0) {
            LOG.debug("Azure Batch job {}: {} newly completed tasks ({} emitted)", jobId, polled, emittedTotal);
        }
        return polled;
    }

    /** With completionsPerList: while tasks keep completing, wait until about that many more are expected. */
    private void spaceNextList(AzureBatchConfiguration configuration, int polled) {
        long now = System.nanoTime();
        long sinceLast = lastListNanos == 0 ? 0 : now - lastListNanos;
        lastListNanos = now;
        nextListNanos = now;
        long maxWait = configuration.getMaxBusyPollDelay() * 1_000_000L;
        // Only inside a stream of concurrent completions: a first list after a quiet spell, or tasks completing one
        // at a time, are not spaced (that would only add latency).
        if (configuration.getCompletionsPerList() <= 0 || polled < 2 || sinceLast == 0 || sinceLast > maxWait) {
            return;
        }
        double perNano = (double) polled / sinceLast;
        long wait = (long) (expectedPerList(configuration.getCompletionsPerList()) / perNano);
        nextListNanos = now + Math.min(wait, maxWait);
    }

    /**
     * How many completions a spaced list waits for: completionsPerList; but with fewer tasks than that in flight at the
     * last counts (a few heavy tasks, such as bundles of files, completing a few per second), a quarter of them:
     * waiting for 50 kept every list at maxBusyPollDelay while their results waited. Many light tasks are spaced as
     * before.
     */
    int expectedPerList(int completionsPerList) {
        int inFlight = inFlightAtLastCount;
        return inFlight <= 0 || inFlight >= completionsPerList ? completionsPerList : Math.max(1, inFlight / 4);
    }

    /** The cheap change detector: one task-counts call. */
    private boolean completedCountChanged(BatchClientWrapper client) throws Exception {
        TaskCountsResult counts;
        try {
            counts = client.getTaskCounts(jobId);
        } catch (Exception e) {
            if (BatchErrors.hasCode(e, BatchErrors.JOB_NOT_FOUND)) {
                if (!jobMissingLogged) {
                    LOG.debug("Azure Batch job {} does not exist yet; polling on", jobId);
                    jobMissingLogged = true;
                }
                jobMissing = true;
                inFlightAtLastCount = 0;
                return false;
            }
            throw e;
        }
        jobMissingLogged = false;
        jobMissing = false;
        int completed = counts == null || counts.taskCounts() == null ? 0 : counts.taskCounts().completed();
        inFlightAtLastCount = counts == null || counts.taskCounts() == null ? 0
                : counts.taskCounts().active() + counts.taskCounts().running();
        completed += (int) deletedTotal.get();
        boolean changed = completed != lastCompletedCount && !(completed == 0 && lastCompletedCount <= 0);
        lastCompletedCount = completed;
        return changed;
    }

    String filter(AzureBatchConfiguration configuration) {
        StringBuilder filter = new StringBuilder(AzureBatchConsumer.COMPLETED);
        Instant since = windowStart(configuration.getStateTransitionMargin());
        if (since != null) {
            filter.append(" and stateTransitionTime ge DateTime'").append(since.truncatedTo(ChronoUnit.MILLIS))
                    .append('\'');
        }
        if (ObjectHelper.isNotEmpty(configuration.getFilter())) {
            filter.append(" and (").append(configuration.getFilter()).append(')');
        }
        return filter.toString();
    }

    private Instant windowStart(long marginMillis) {
        return latestCompletion == null ? null : latestCompletion.minusMillis(Math.max(0, marginMillis));
    }

    private void forgetOutsideWindow(long marginMillis) {
        Instant since = windowStart(marginMillis);
        if (since != null) {
            // The next list starts at `since` (it only moves forward), so an older id cannot come back in it.
            seen.values().removeIf(completion -> completion.isBefore(since));
        }
    }

    /** The task's completion time; a task listed without one counts as completed at the newest time seen. */
    private Instant completionTime(CloudTask task) {
        if (task.stateTransitionTime() != null) {
            return Instant.ofEpochMilli(task.stateTransitionTime().getMillis());
        }
        if (task.executionInfo() != null && task.executionInfo().endTime() != null) {
            return Instant.ofEpochMilli(task.executionInfo().endTime().getMillis());
        }
        return latestCompletion != null ? latestCompletion : Instant.EPOCH;
    }

    void deleted() {
        deletedTotal.incrementAndGet();
    }

    long deletedCount() {
        return deletedTotal.get();
    }

    long emittedCount() {
        return emittedTotal;
    }

    int rememberedCount() {
        return seen.size();
    }

    /** Active plus running tasks at the last counts; 0 while the job does not exist, -1 before the first. */
    int inFlightAtLastCount() {
        return inFlightAtLastCount;
    }

    /** Nothing active or running at the last counts, and every completion counted was listed. */
    boolean settled() {
        return inFlightAtLastCount == 0 && !listNext && lastCompletedCount >= 0
               && emittedTotal >= lastCompletedCount - deletedTotal.get();
    }

    /** The last counts said the job does not exist. */
    boolean missing() {
        return jobMissing;
    }
}
