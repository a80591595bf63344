package io.batchroutes.component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import io.batchroutes.component.client.BatchErrors;
import io.batchroutes.component.client.BatchRetryPolicy;
import io.batchroutes.component.operations.TaskHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultScheduledPollConsumerScheduler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a job and emits one exchange per task that completed since the last poll: the body is the {@code CloudTask},
 * the headers its job, task, display name, state, exit code, result, failure code and message, node and times.
 * <p>
 * Cost: a poll makes one call. When the last poll found nothing new it reads the job's task counts and returns 0
 * while the completed count is unchanged (so the scheduler's backoff options apply). When the count changed, or
 * (with {@code adaptivePoll}) the last poll emitted tasks, it lists only what completed recently:
 * {@code state eq 'completed' and stateTransitionTime ge DateTime'<latest completion seen - stateTransitionMargin>'}
 * with a narrow {@code $select}; with {@code completionsPerList} those lists are spaced by the completion rate so each
 * finds about that many tasks. Tasks seen inside that window are told apart by id; ids older than the window are
 * forgotten, so memory stays bounded by the tasks completing within one margin. A job that does not exist yet is
 * polled quietly.
 * <p>
 * With {@code promptPollDelay}, tasks that a producer of the same component adds to the job while this consumer saw
 * none in flight (its last task counts: nothing active or running) start extra polls every that many ms until one
 * finds a completed task, at most {@code promptPollWindow} ms ({@link PromptPolls}): a lone task is collected soon
 * after it completes, while a job with work in flight is polled as before.
 * <p>
 * With {@code deleteCompleted} each emitted task is deleted once its exchange completed cleanly (see
 * {@link #deleteWhenProcessed}); the change detector then counts completed tasks plus those it deleted, so a completion
 * that coincides with a deletion is not missed.
 * <p>
 * Restart semantics: what was emitted is remembered in memory only. Within one run a task is emitted at most once
 * (even when its processing failed; the exception handler gets the failure), unless it is reactivated and completes
 * again later. After a restart every completed task of the job is emitted again, once: routes fed by this consumer
 * must be idempotent.
 */
public class AzureBatchConsumer extends ScheduledPollConsumer {

    static final String COMPLETED = "state eq 'completed'";
    static final String DEFAULT_SELECT = "id,displayName,state,stateTransitionTime,executionInfo,nodeInfo";

    private static final Logger LOG = LoggerFactory.getLogger(AzureBatchConsumer.class);

    /** Emitted task id → its completion time; only ids inside the watermark window are kept. */
    private final Map<String, Instant> seen = new HashMap<>();
    private Instant latestCompletion;
    private long emittedTotal;
    /** Completed tasks this consumer deleted (deleteCompleted); added to the completed count it compares. */
    private final AtomicLong deletedTotal = new AtomicLong();
    /**
     * Processed tasks whose delete failed transiently (Batch busy or away): tried again at the start of each poll, so
     * the poll is their retry layer (the daemon's component tries each call once). Bounded: beyond it a task is left
     * in the job and deleted after the next start.
     */
    private final Queue<String> deleteAgain = new ConcurrentLinkedQueue<>();
    private final AtomicInteger deleteAgainSize = new AtomicInteger();
    static final int MAX_DELETE_AGAIN = 10_000;
    private int lastCompletedCount = -1;
    private boolean listNext;
    private boolean jobMissingLogged;
    private long lastListNanos;
    private long nextListNanos;
    /** Active plus running tasks at the last task counts (0 while the job does not exist, -1 before the first). */
    private volatile int inFlightAtLastCount = -1;
    private final PromptPolls promptPolls;
    private final Runnable onTasksAdded;

    public AzureBatchConsumer(AzureBatchEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        AzureBatchConfiguration configuration = endpoint.getConfiguration();
        promptPolls = new PromptPolls(this::run, configuration.getPromptPollDelay(), configuration.getPromptPollWindow());
        onTasksAdded = () -> promptPolls.tasksAdded(inFlightAtLastCount <= 0);
    }

    private AzureBatchHealthCheck healthCheck;

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        healthCheck = AzureBatchHealthCheck.register(getEndpoint(), "azure-batch-consumer-" + getRouteId(),
                ((AzureBatchComponent) getEndpoint().getComponent()).isHealthCheckConsumerEnabled());
        // Prompt polls need the regular polls' one thread (they must never run beside one).
        if (getScheduler() instanceof DefaultScheduledPollConsumerScheduler scheduler && scheduler.getPoolSize() == 1) {
            promptPolls.start(scheduler.getScheduledExecutorService());
        }
        component().taskSubmissions().listen(submissionsKey(), onTasksAdded);
    }

    @Override
    protected void doStop() throws Exception {
        component().taskSubmissions().remove(submissionsKey(), onTasksAdded);
        promptPolls.stop();
        AzureBatchHealthCheck.unregister(getEndpoint(), healthCheck);
        healthCheck = null;
        super.doStop();
    }

    @Override
    public AzureBatchEndpoint getEndpoint() {
        return (AzureBatchEndpoint) super.getEndpoint();
    }

    private AzureBatchComponent component() {
        return (AzureBatchComponent) getEndpoint().getComponent();
    }

    private String submissionsKey() {
        return TaskSubmissions.key(getEndpoint().getConfiguration().getAccountUrl(), getEndpoint().getConfiguration().getJobId());
    }

    PromptPolls promptPolls() {
        return promptPolls;
    }

    @Override
    protected int poll() throws Exception {
        AzureBatchConfiguration configuration = getEndpoint().getConfiguration();
        String jobId = configuration.getJobId();
        deleteAgain(jobId);
        if (listNext && System.nanoTime() - nextListNanos < 0) {
            return 0;
        }
        if (!listNext && !completedCountChanged(jobId)) {
            return 0;
        }
        List<CloudTask> tasks;
        try {
            tasks = getEndpoint().getClientWrapper().listTasks(jobId, filter(configuration), selectWithId(configuration.getSelect()),
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
            emit(jobId, task);
            polled++;
        }
        forgetOutsideWindow(configuration.getStateTransitionMargin());
        // Task counts and the task list may disagree for a moment; list again until the list caught up.
        boolean lagging = ObjectHelper.isEmpty(configuration.getFilter()) && emittedTotal < lastCompletedCount;
        listNext = lagging || configuration.isAdaptivePoll() && polled > 0;
        spaceNextList(configuration, polled);
        if (polled > 0) {
            promptPolls.completionsSeen();
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
        long wait = (long) (configuration.getCompletionsPerList() / perNano);
        nextListNanos = now + Math.min(wait, maxWait);
    }

    /** The cheap change detector: one task-counts call. */
    private boolean completedCountChanged(String jobId) throws Exception {
        TaskCountsResult counts;
        try {
            counts = getEndpoint().getClientWrapper().getTaskCounts(jobId);
        } catch (Exception e) {
            if (BatchErrors.hasCode(e, BatchErrors.JOB_NOT_FOUND)) {
                if (!jobMissingLogged) {
                    LOG.debug("Azure Batch job {} does not exist yet; polling on", jobId);
                    jobMissingLogged = true;
                }
                inFlightAtLastCount = 0;
                return false;
            }
            throw e;
        }
        jobMissingLogged = false;
        int completed = counts == null || counts.taskCounts() == null ? 0 : counts.taskCounts().completed();
        inFlightAtLastCount = counts == null || counts.taskCounts() == null ? 0
                : counts.taskCounts().active() + counts.taskCounts().running();
        completed += (int) deletedTotal.get();
        boolean changed = completed != lastCompletedCount && !(completed == 0 && lastCompletedCount <= 0);
        lastCompletedCount = completed;
        return changed;
    }

    String filter(AzureBatchConfiguration configuration) {
        StringBuilder filter = new StringBuilder(COMPLETED);
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

    private void emit(String jobId, CloudTask task) {
        Exchange exchange = createExchange(true);
        exchange.getIn().setBody(task);
        exchange.getIn().getHeaders().putAll(TaskHeaders.of(jobId, task));
        if (getEndpoint().getConfiguration().isDeleteCompleted()) {
            exchange.getExchangeExtension().addOnCompletion(deleteWhenProcessed(jobId, task.id()));
        }
        // Asynchronously: a route that hands exchanges to a thread pool (threads) collects several tasks at once; the
        // synchronous process() would wait for each before emitting the next. Each task is emitted once either way
        // (seen), and deleted only when its own exchange completes.
        getAsyncProcessor().process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing completed task " + task.id() + " of Azure Batch job "
                                                      + jobId, exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        });
    }

    /**
     * Deletes the task when its exchange completed without an exception, handled or not, and without
     * {@code CamelAzureBatchKeepTask}: a task whose processing failed (or is not finished) stays in the job (emitted
     * again after a restart). A delete that fails transiently is tried again at the start of the next polls; any other
     * failure is logged, and the task is emitted again after a restart and deleted then.
     */
    private Synchronization deleteWhenProcessed(String jobId, String taskId) {
        return new Synchronization() {
            @Override
            public void onComplete(Exchange exchange) {
                if (exchange.getException() != null || exchange.getExchangeExtension().isFailureHandled()
                        || Boolean.TRUE.equals(exchange.getExchangeExtension().getErrorHandlerHandled())
                        || Boolean.TRUE.equals(exchange.getMessage().getHeader(AzureBatchConstants.KEEP_TASK, Boolean.class))) {
                    LOG.debug("Azure Batch job {}: task {} kept (its processing failed)", jobId, taskId);
                    return;
                }
                try {
                    delete(jobId, taskId);
                } catch (Exception e) {
                    boolean again = BatchRetryPolicy.isTransient(e) && deleteAgainSize.get() < MAX_DELETE_AGAIN;
                    LOG.warn("Azure Batch job {}: could not delete processed task {} ({}); {}", jobId, taskId,
                            BatchErrors.describe(e), again ? "tried again on the next poll" : "it is deleted after the next start");
                    if (again) {
                        deleteAgain.add(taskId);
                        deleteAgainSize.incrementAndGet();
                    }
                }
            }

            @Override
            public void onFailure(Exchange exchange) {
                LOG.debug("Azure Batch job {}: task {} kept (its processing failed)", jobId, taskId);
            }
        };
    }

    private void delete(String jobId, String taskId) throws Exception {
        // Gone either way (TaskNotFound: another consumer deleted it); both lowered the completed count.
        getEndpoint().getClientWrapper().deleteTask(jobId, taskId);
        deletedTotal.incrementAndGet();
    }

    /** The deletes that failed transiently, in order; stops at the first that fails again (Batch still away). */
    private void deleteAgain(String jobId) {
        for (int n = deleteAgainSize.get(); n > 0; n--) {
            String taskId = deleteAgain.poll();
            if (taskId == null) {
                return;
            }
            try {
                delete(jobId, taskId);
                deleteAgainSize.decrementAndGet();
            } catch (Exception e) {
                if (BatchRetryPolicy.isTransient(e)) {
                    deleteAgain.add(taskId);
                    LOG.debug("Azure Batch job {}: deleting task {} failed again: {}", jobId, taskId, BatchErrors.describe(e));
                    return;
                }
                deleteAgainSize.decrementAndGet();
                LOG.warn("Azure Batch job {}: could not delete processed task {} ({}); it is deleted after the next start",
                        jobId, taskId, BatchErrors.describe(e));
            }
        }
    }

    /** How many processed tasks wait for their delete to be tried again. */
    int deletesPending() {
        return deleteAgainSize.get();
    }

    /** The consumer tells tasks apart by id and tracks their completion time, so a custom $select always has both. */
    static String selectWithId(String select) {
        if (ObjectHelper.isEmpty(select)) {
            return DEFAULT_SELECT;
        }
        String result = select;
        boolean hasTime = false;
        boolean hasId = false;
        for (String property : select.split(",")) {
            hasId |= property.trim().equals("id");
            hasTime |= property.trim().equals("stateTransitionTime");
        }
        if (!hasTime) {
            result = result + ",stateTransitionTime";
        }
        return hasId ? result : "id," + result;
    }

    /** The readiness check this consumer registered, or null without a health check registry. */
    AzureBatchHealthCheck healthCheck() {
        return healthCheck;
    }

    /** How many tasks this run emitted. */
    int emittedCount() {
        return (int) emittedTotal;
    }

    /** How many completed tasks this consumer deleted (deleteCompleted). */
    long deletedCount() {
        return deletedTotal.get();
    }

    /** How many task ids the consumer currently remembers (bounded by the watermark window). */
    int rememberedCount() {
        return seen.size();
    }
}
