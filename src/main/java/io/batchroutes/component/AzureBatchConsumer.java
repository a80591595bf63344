package io.batchroutes.component;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchErrors;
import io.batchroutes.component.client.BatchRetryPolicy;
import io.batchroutes.component.jobs.JobRotation;
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
 * that coincides with a deletion is not missed. With a rotating job ({@code tasksPerJob}) each job of the family is
 * polled this way ({@link JobWatch}, one call per job and poll); a processed task is not deleted by itself: an older
 * job is deleted once every task it holds was processed ({@link JobRotation}), one call for all of them.
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

    /** Per job polled (one; with a rotating job, each job of the family): its change detector and watermark. */
    private final Map<String, JobWatch> watches = new ConcurrentHashMap<>();
    /**
     * Processed tasks whose delete failed transiently (Batch busy or away): tried again at the start of each poll, so
     * the poll is their retry layer (the daemon's component tries each call once). Bounded: beyond it a task is left
     * in the job and deleted after the next start.
     */
    private final Queue<TaskRef> deleteAgain = new ConcurrentLinkedQueue<>();
    private final AtomicInteger deleteAgainSize = new AtomicInteger();
    static final int MAX_DELETE_AGAIN = 10_000;
    /** A settled older job of a rotating family is polled every this many polls. */
    static final int SETTLED_JOB_EVERY = 20;
    private long rounds;
    /** Active plus running tasks at the last task counts (0 while the job does not exist, -1 before the first). */
    private volatile int inFlightAtLastCount = -1;
    private final PromptPolls promptPolls;
    private final Runnable onTasksAdded;

    private record TaskRef(String jobId, String taskId) {
    }

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
        BatchClientWrapper client = getEndpoint().getClientWrapper();
        deleteAgain(client);
        JobRotation rotation = getEndpoint().getJobRotation();
        List<String> jobIds;
        if (rotation == null) {
            jobIds = List.of(configuration.getJobId());
        } else {
            retireDrained(rotation, client);
            jobIds = rotation.jobs(client);
        }
        watches.keySet().retainAll(jobIds);
        int polled = 0;
        int inFlight = -1;
        Exception failure = null;
        rounds++;
        for (String jobId : jobIds) {
            JobWatch watch = watches.computeIfAbsent(jobId, JobWatch::new);
            boolean older = !jobId.equals(jobIds.get(jobIds.size() - 1));
            // An older job of a family gets no new tasks (only a redelivered add of one it holds): once nothing in it
            // is active or running and all its completions were listed, it is looked at now and then only.
            if (older && watch.settled() && rounds % SETTLED_JOB_EVERY != 0) {
                continue;
            }
            try {
                polled += watch.poll(configuration, client, task -> emit(jobId, task));
            } catch (Exception e) {
                // The other jobs of a family are polled all the same; this one is tried again next poll.
                failure = failure == null ? e : failure;
            }
            if (watch.inFlightAtLastCount() >= 0) {
                inFlight = Math.max(inFlight, 0) + watch.inFlightAtLastCount();
            }
            if (rotation != null && watch.missing()) {
                rotation.deleted(jobId);
            }
        }
        inFlightAtLastCount = inFlight;
        if (failure != null && polled == 0) {
            throw failure;
        }
        if (polled > 0) {
            promptPolls.completionsSeen();
        }
        return polled;
    }

    /**
     * A rotating job: deletes each older job of the family whose every task was processed (one call for all its
     * tasks), and looks up the tasks whose add had no answer when they are all that keeps a job.
     */
    private void retireDrained(JobRotation rotation, BatchClientWrapper client) {
        for (Map.Entry<String, List<String>> entry : rotation.uncertain().entrySet()) {
            for (String taskId : entry.getValue()) {
                try {
                    client.getTask(entry.getKey(), taskId, "id");
                    rotation.confirmed(entry.getKey(), taskId);
                } catch (Exception e) {
                    if (BatchErrors.hasCode(e, BatchErrors.TASK_NOT_FOUND)) {
                        rotation.processed(entry.getKey(), taskId);
                    } else {
                        LOG.debug("Azure Batch job {}: could not look up task {}: {}", entry.getKey(), taskId,
                                BatchErrors.describe(e));
                    }
                }
            }
        }
        for (String jobId : rotation.drained()) {
            try {
                client.deleteJob(jobId);
                LOG.info("Deleted Azure Batch job {}: every task it held was processed", jobId);
                rotation.deleted(jobId);
            } catch (Exception e) {
                if (BatchErrors.hasCode(e, BatchErrors.JOB_NOT_FOUND)) {
                    rotation.deleted(jobId);
                } else {
                    LOG.warn("Azure Batch job {}: could not delete it ({}); tried again on the next poll", jobId,
                            BatchErrors.describe(e));
                }
            }
        }
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
                JobRotation rotation = getEndpoint().getJobRotation();
                if (rotation != null) {
                    // Deleted with its job, once the job's every task is processed.
                    rotation.processed(jobId, taskId);
                    return;
                }
                try {
                    delete(jobId, taskId);
                } catch (Exception e) {
                    boolean again = BatchRetryPolicy.isTransient(e) && deleteAgainSize.get() < MAX_DELETE_AGAIN;
                    LOG.warn("Azure Batch job {}: could not delete processed task {} ({}); {}", jobId, taskId,
                            BatchErrors.describe(e), again ? "tried again on the next poll" : "it is deleted after the next start");
                    if (again) {
                        deleteAgain.add(new TaskRef(jobId, taskId));
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
        JobWatch watch = watches.get(jobId);
        if (watch != null) {
            watch.deleted();
        }
    }

    /** The deletes that failed transiently, in order; stops at the first that fails again (Batch still away). */
    private void deleteAgain(BatchClientWrapper client) {
        for (int n = deleteAgainSize.get(); n > 0; n--) {
            TaskRef task = deleteAgain.poll();
            if (task == null) {
                return;
            }
            try {
                delete(task.jobId(), task.taskId());
                deleteAgainSize.decrementAndGet();
            } catch (Exception e) {
                if (BatchRetryPolicy.isTransient(e)) {
                    deleteAgain.add(task);
                    LOG.debug("Azure Batch job {}: deleting task {} failed again: {}", task.jobId(), task.taskId(),
                            BatchErrors.describe(e));
                    return;
                }
                deleteAgainSize.decrementAndGet();
                LOG.warn("Azure Batch job {}: could not delete processed task {} ({}); it is deleted after the next start",
                        task.jobId(), task.taskId(), BatchErrors.describe(e));
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
        return (int) watches.values().stream().mapToLong(JobWatch::emittedCount).sum();
    }

    /** How many completed tasks this consumer deleted (deleteCompleted). */
    long deletedCount() {
        return watches.values().stream().mapToLong(JobWatch::deletedCount).sum();
    }

    /** How many task ids the consumer currently remembers (bounded by the watermark window). */
    int rememberedCount() {
        return watches.values().stream().mapToInt(JobWatch::rememberedCount).sum();
    }
}
