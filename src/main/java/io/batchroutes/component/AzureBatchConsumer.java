package io.batchroutes.component;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import io.batchroutes.component.client.BatchErrors;
import io.batchroutes.component.operations.TaskHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a job and emits one exchange per task that completed since the last poll: the body is the {@code CloudTask},
 * the headers its job, task, display name, state, exit code, result, failure code and message, node and times.
 * <p>
 * Each poll first reads the job's task counts; only when the completed count changed does it list the completed
 * tasks ({@code $filter=state eq 'completed'}, plus the endpoint's filter, with a narrow {@code $select}). A poll
 * with nothing new returns 0, so the scheduler's backoff options apply. A job that does not exist yet is polled
 * quietly.
 * <p>
 * Restart semantics: the ids of emitted tasks are remembered in memory only. Within one run a task is emitted at most
 * once (even when its processing failed; the exception handler gets the failure). After a restart every completed
 * task of the job is emitted again, once: routes fed by this consumer must be idempotent.
 */
public class AzureBatchConsumer extends ScheduledPollConsumer {

    static final String COMPLETED = "state eq 'completed'";
    static final String DEFAULT_SELECT = "id,displayName,state,stateTransitionTime,executionInfo,nodeInfo";

    private static final Logger LOG = LoggerFactory.getLogger(AzureBatchConsumer.class);

    private final Set<String> emitted = new HashSet<>();
    private int lastCompletedCount = -1;
    private boolean jobMissingLogged;

    public AzureBatchConsumer(AzureBatchEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public AzureBatchEndpoint getEndpoint() {
        return (AzureBatchEndpoint) super.getEndpoint();
    }

    @Override
    protected int poll() throws Exception {
        AzureBatchConfiguration configuration = getEndpoint().getConfiguration();
        String jobId = configuration.getJobId();
        TaskCountsResult counts;
        try {
            counts = getEndpoint().getClientWrapper().getTaskCounts(jobId);
        } catch (Exception e) {
            if (BatchErrors.hasCode(e, BatchErrors.JOB_NOT_FOUND)) {
                if (!jobMissingLogged) {
                    LOG.debug("Azure Batch job {} does not exist yet; polling on", jobId);
                    jobMissingLogged = true;
                }
                return 0;
            }
            throw e;
        }
        jobMissingLogged = false;
        int completed = counts == null || counts.taskCounts() == null ? 0 : counts.taskCounts().completed();
        if (completed == lastCompletedCount || completed == 0 && lastCompletedCount <= 0) {
            lastCompletedCount = completed;
            return 0;
        }
        String filter = ObjectHelper.isEmpty(configuration.getFilter())
                ? COMPLETED : COMPLETED + " and (" + configuration.getFilter() + ")";
        String select = selectWithId(configuration.getSelect());
        List<CloudTask> tasks = getEndpoint().getClientWrapper().listTasks(jobId, filter, select,
                configuration.getMaxResults());
        // Task counts and the task list may disagree for a moment; only trust the count once the list caught up.
        if (tasks.size() >= completed || ObjectHelper.isNotEmpty(configuration.getFilter())) {
            lastCompletedCount = completed;
        }
        int polled = 0;
        for (CloudTask task : tasks) {
            if (task.id() == null || !emitted.add(task.id())) {
                continue;
            }
            emit(jobId, task);
            polled++;
        }
        if (polled > 0) {
            LOG.debug("Azure Batch job {}: {} newly completed tasks ({} completed)", jobId, polled, completed);
        }
        return polled;
    }

    private void emit(String jobId, CloudTask task) {
        Exchange exchange = createExchange(true);
        exchange.getIn().setBody(task);
        exchange.getIn().getHeaders().putAll(TaskHeaders.of(jobId, task));
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing completed task " + task.id() + " of Azure Batch job "
                                                  + jobId, exchange, exchange.getException());
        }
        releaseExchange(exchange, false);
    }

    /** The consumer tells tasks apart by id, so a custom $select always includes it. */
    static String selectWithId(String select) {
        if (ObjectHelper.isEmpty(select)) {
            return DEFAULT_SELECT;
        }
        for (String property : select.split(",")) {
            if (property.trim().equals("id")) {
                return select;
            }
        }
        return "id," + select;
    }

    /** How many tasks this run emitted. */
    int emittedCount() {
        return emitted.size();
    }
}
