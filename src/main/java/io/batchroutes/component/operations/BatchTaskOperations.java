package io.batchroutes.component.operations;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import com.microsoft.azure.batch.protocol.models.BatchError;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ErrorMessage;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import com.microsoft.azure.batch.protocol.models.TaskAddStatus;
import io.batchroutes.component.AzureBatchAddTasksException;
import io.batchroutes.component.AzureBatchAddTasksException.Failure;
import io.batchroutes.component.AzureBatchConfigurationOptionsProxy;
import io.batchroutes.component.AzureBatchConstants;
import io.batchroutes.component.AzureBatchOperations;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchErrors;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.batchroutes.component.AzureBatchConfigurationOptionsProxy.required;

/**
 * Task and task file operations.
 */
public class BatchTaskOperations {

    /** The service takes at most 100 tasks per add-collection request. */
    public static final int MAX_TASKS_PER_REQUEST = 100;

    private static final Logger LOG = LoggerFactory.getLogger(BatchTaskOperations.class);

    private final AzureBatchConfigurationOptionsProxy options;
    private final BatchClientWrapper client;
    private final ExecutorService chunkSender;
    private final int serverErrorRounds;

    /**
     * @param chunkSender       sends the chunks of addTasks in parallel
     * @param serverErrorRounds how many times tasks answered with serverError are sent again
     */
    public BatchTaskOperations(AzureBatchConfigurationOptionsProxy options, BatchClientWrapper client,
                               ExecutorService chunkSender, int serverErrorRounds) {
        this.options = options;
        this.client = client;
        this.chunkSender = chunkSender;
        this.serverErrorRounds = serverErrorRounds;
    }

    /** Adds one task; TaskExists counts as added. The body becomes its TaskAddResult. */
    public AzureBatchOperationResponse addTask(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.addTask);
        TaskAddParameter task = exchange.getIn().getBody(TaskAddParameter.class);
        if (task == null || ObjectHelper.isEmpty(task.id())) {
            throw new IllegalArgumentException("addTask needs a TaskAddParameter body with an id");
        }
        TaskAddResult result = new TaskAddResult().withTaskId(task.id()).withStatus(TaskAddStatus.SUCCESS);
        try {
            client.createTask(jobId, task);
        } catch (Exception e) {
            if (!BatchErrors.hasCode(e, BatchErrors.TASK_EXISTS)) {
                throw e;
            }
            LOG.debug("Task {} of job {} exists already", task.id(), jobId);
            result.withStatus(TaskAddStatus.CLIENT_ERROR).withError(new BatchError().withCode(BatchErrors.TASK_EXISTS));
        }
        return AzureBatchOperationResponse.of(result,
                Map.of(AzureBatchConstants.JOB_ID, jobId, AzureBatchConstants.TASK_ID, task.id()));
    }

    /**
     * Adds a list of tasks in chunks of at most 100, sent in parallel. TaskExists counts as added; tasks answered
     * with serverError are sent again. After every chunk was sent, throws {@link AzureBatchAddTasksException} if any
     * task was not added. The body becomes the per-task results in input order.
     */
    public AzureBatchOperationResponse addTasks(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.addTasks);
        List<TaskAddParameter> tasks = taskList(exchange.getIn().getBody());
        List<Future<List<TaskAddResult>>> sent = new ArrayList<>();
        List<List<TaskAddParameter>> chunks = new ArrayList<>();
        for (int from = 0; from < tasks.size(); from += MAX_TASKS_PER_REQUEST) {
            List<TaskAddParameter> chunk = tasks.subList(from, Math.min(tasks.size(), from + MAX_TASKS_PER_REQUEST));
            chunks.add(chunk);
            sent.add(chunkSender.submit(() -> sendChunk(jobId, chunk)));
        }
        Map<String, TaskAddResult> byTaskId = new HashMap<>();
        List<Failure> failures = new ArrayList<>();
        Set<String> unanswered = new HashSet<>();
        for (int i = 0; i < sent.size(); i++) {
            try {
                for (TaskAddResult result : sent.get(i).get()) {
                    byTaskId.put(result.taskId(), result);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String code = BatchErrors.code(cause) != null ? BatchErrors.code(cause) : cause.getClass().getSimpleName();
                LOG.warn("Adding {} tasks to Azure Batch job {} failed: {}", chunks.get(i).size(), jobId,
                        BatchErrors.describe(cause));
                chunks.get(i).forEach(task -> {
                    failures.add(new Failure(task.id(), code, BatchErrors.describe(cause), false));
                    unanswered.add(task.id());
                });
            }
        }
        List<TaskAddResult> results = new ArrayList<>(tasks.size());
        for (TaskAddParameter task : tasks) {
            TaskAddResult result = byTaskId.get(task.id());
            if (result == null) {
                if (unanswered.add(task.id())) {
                    failures.add(new Failure(task.id(), "NoResult", "the service returned no result for this task", false));
                }
                continue;
            }
            results.add(result);
            if (!isAdded(result)) {
                String code = result.error() != null ? result.error().code() : String.valueOf(result.status());
                failures.add(new Failure(task.id(), code, errorMessage(result.error())));
            }
        }
        if (!failures.isEmpty()) {
            throw new AzureBatchAddTasksException(jobId, tasks.size(), failures, results);
        }
        LOG.info("Added {} tasks to Azure Batch job {} in {} requests", tasks.size(), jobId, chunks.size());
        return AzureBatchOperationResponse.of(results, Map.of(AzureBatchConstants.JOB_ID, jobId));
    }

    /** Sends one chunk; halves it on RequestBodyTooLarge and re-sends the tasks answered with serverError. */
    private List<TaskAddResult> sendChunk(String jobId, List<TaskAddParameter> chunk) throws Exception {
        List<TaskAddResult> done = new ArrayList<>(chunk.size());
        List<TaskAddParameter> pending = chunk;
        for (int round = 0; !pending.isEmpty(); round++) {
            List<TaskAddResult> answered = sendWithinSizeLimit(jobId, pending);
            Map<String, TaskAddParameter> byId = new LinkedHashMap<>();
            pending.forEach(task -> byId.put(task.id(), task));
            List<TaskAddParameter> again = new ArrayList<>();
            for (TaskAddResult result : answered) {
                if (result.status() == TaskAddStatus.SERVER_ERROR && round < serverErrorRounds
                        && byId.containsKey(result.taskId())) {
                    again.add(byId.get(result.taskId()));
                } else {
                    done.add(result);
                }
            }
            if (!again.isEmpty()) {
                LOG.warn("Azure Batch job {}: {} tasks got a server error; sending them again", jobId, again.size());
            }
            pending = again;
        }
        return done;
    }

    private List<TaskAddResult> sendWithinSizeLimit(String jobId, List<TaskAddParameter> tasks) throws Exception {
        try {
            return client.addTaskCollection(jobId, tasks);
        } catch (Exception e) {
            if (BatchErrors.status(e) != 413 || tasks.size() < 2) {
                throw e;
            }
            int half = tasks.size() / 2;
            LOG.debug("Azure Batch job {}: {} tasks exceed the request size limit; sending them in halves", jobId,
                    tasks.size());
            List<TaskAddResult> results = new ArrayList<>(sendWithinSizeLimit(jobId, tasks.subList(0, half)));
            results.addAll(sendWithinSizeLimit(jobId, tasks.subList(half, tasks.size())));
            return results;
        }
    }

    /** Added, or there already: a task that exists is what an idempotent add wants. */
    public static boolean isAdded(TaskAddResult result) {
        return result.status() == TaskAddStatus.SUCCESS
               || result.status() == TaskAddStatus.CLIENT_ERROR && result.error() != null
                  && BatchErrors.TASK_EXISTS.equalsIgnoreCase(result.error().code());
    }

    public AzureBatchOperationResponse listTasks(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.listTasks);
        List<CloudTask> tasks = client.listTasks(jobId, options.getFilter(exchange), options.getSelect(exchange),
                options.getMaxResults());
        return AzureBatchOperationResponse.of(tasks, Map.of(AzureBatchConstants.JOB_ID, jobId));
    }

    public AzureBatchOperationResponse getTask(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.getTask);
        String taskId = required(options.getTaskId(exchange), "a taskId", AzureBatchOperations.getTask);
        CloudTask task = client.getTask(jobId, taskId, options.getSelect(exchange));
        return AzureBatchOperationResponse.of(task, TaskHeaders.of(jobId, task));
    }

    public AzureBatchOperationResponse terminateTask(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.terminateTask);
        String taskId = required(options.getTaskId(exchange), "a taskId", AzureBatchOperations.terminateTask);
        client.terminateTask(jobId, taskId);
        LOG.info("Terminated task {} of Azure Batch job {}", taskId, jobId);
        return AzureBatchOperationResponse.of(true,
                Map.of(AzureBatchConstants.JOB_ID, jobId, AzureBatchConstants.TASK_ID, taskId));
    }

    public AzureBatchOperationResponse deleteTask(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.deleteTask);
        String taskId = required(options.getTaskId(exchange), "a taskId", AzureBatchOperations.deleteTask);
        boolean existed = client.deleteTask(jobId, taskId);
        LOG.debug("Deleted task {} of Azure Batch job {}{}", taskId, jobId, existed ? "" : " (it was gone)");
        return AzureBatchOperationResponse.of(existed,
                Map.of(AzureBatchConstants.JOB_ID, jobId, AzureBatchConstants.TASK_ID, taskId));
    }

    public AzureBatchOperationResponse listTaskFiles(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.listTaskFiles);
        String taskId = required(options.getTaskId(exchange), "a taskId", AzureBatchOperations.listTaskFiles);
        return AzureBatchOperationResponse.of(
                client.listTaskFiles(jobId, taskId, options.getFilter(exchange), options.getMaxResults()),
                Map.of(AzureBatchConstants.JOB_ID, jobId, AzureBatchConstants.TASK_ID, taskId));
    }

    /**
     * The file (or with fileOffset / fileMaxBytes a range of it) as bytes, as a stream the exchange owns, or written
     * to fileDestination (body: the File).
     */
    public AzureBatchOperationResponse getTaskFile(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.getTaskFile);
        String taskId = required(options.getTaskId(exchange), "a taskId", AzureBatchOperations.getTaskFile);
        String filePath = required(options.getFilePath(exchange), "a filePath", AzureBatchOperations.getTaskFile);
        return FileDownloads.fetch(exchange, options, filePath, Map.of(AzureBatchConstants.JOB_ID, jobId,
                AzureBatchConstants.TASK_ID, taskId, AzureBatchConstants.FILE_PATH, filePath),
                () -> client.taskFileLength(jobId, taskId, filePath),
                (range, sink) -> client.downloadTaskFile(jobId, taskId, filePath, range, sink),
                range -> client.getTaskFile(jobId, taskId, filePath, range));
    }

    private static List<TaskAddParameter> taskList(Object body) {
        if (body instanceof TaskAddParameter single) {
            body = List.of(single);
        }
        if (!(body instanceof Collection<?> collection)) {
            throw new IllegalArgumentException("addTasks needs a List<TaskAddParameter> body, got "
                                               + (body == null ? "null" : body.getClass().getName()));
        }
        List<TaskAddParameter> tasks = new ArrayList<>(collection.size());
        for (Object element : collection) {
            if (!(element instanceof TaskAddParameter task) || ObjectHelper.isEmpty(task.id())) {
                throw new IllegalArgumentException("addTasks needs a List<TaskAddParameter> body whose tasks all have an id");
            }
            tasks.add(task);
        }
        return tasks;
    }

    private static String errorMessage(BatchError error) {
        ErrorMessage message = error == null ? null : error.message();
        return message == null ? null : message.value();
    }
}
