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
import io.batchroutes.component.client.BatchRetryPolicy;
import io.batchroutes.component.jobs.JobRotation;
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
    private final JobTargets targets;
    private final ExecutorService chunkSender;
    private final int serverErrorRounds;

    /**
     * @param chunkSender       sends the chunks of addTasks in parallel
     * @param serverErrorRounds how many times tasks answered with serverError are sent again
     */
    public BatchTaskOperations(AzureBatchConfigurationOptionsProxy options, BatchClientWrapper client,
                               ExecutorService chunkSender, int serverErrorRounds) {
        this(options, client, new JobTargets(options, null, client), chunkSender, serverErrorRounds);
    }

    public BatchTaskOperations(AzureBatchConfigurationOptionsProxy options, BatchClientWrapper client, JobTargets targets,
                               ExecutorService chunkSender, int serverErrorRounds) {
        this.options = options;
        this.client = client;
        this.targets = targets;
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
        JobRotation rotation = targets.rotationFor(exchange);
        JobRotation.Lease lease = rotation == null ? null
                : rotation.beginAdd(client, List.of(task.id()), options.getPoolId(exchange)).get(0);
        if (lease != null) {
            jobId = lease.jobId();
        }
        TaskAddResult result = new TaskAddResult().withTaskId(task.id()).withStatus(TaskAddStatus.SUCCESS);
        try {
            client.createTask(jobId, task);
        } catch (Exception e) {
            if (!BatchErrors.hasCode(e, BatchErrors.TASK_EXISTS)) {
                if (lease != null) {
                    // An answer (4xx) refused it; without one it may exist.
                    boolean refused = BatchErrors.status(e) >= 400 && BatchErrors.status(e) < 500;
                    rotation.endAdd(lease, refused ? lease.taskIds() : List.of(), refused ? List.of() : lease.taskIds());
                }
                throw e;
            }
            LOG.debug("Task {} of job {} exists already", task.id(), jobId);
            result.withStatus(TaskAddStatus.CLIENT_ERROR).withError(new BatchError().withCode(BatchErrors.TASK_EXISTS));
        }
        if (lease != null) {
            rotation.endAdd(lease, List.of(), List.of());
        }
        return AzureBatchOperationResponse.of(result,
                Map.of(AzureBatchConstants.JOB_ID, jobId, AzureBatchConstants.TASK_ID, task.id()));
    }

    /**
     * Adds a list of tasks in chunks of at most 100, sent in parallel. TaskExists counts as added; tasks answered
     * with serverError are sent again. After every chunk was sent, throws {@link AzureBatchAddTasksException} if any
     * task was not added. The body becomes the per-task results in input order. With a rotating job, each task goes to
     * the family job that holds it already, else to the newest ({@link JobRotation#beginAdd}).
     */
    public AzureBatchOperationResponse addTasks(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.addTasks);
        List<TaskAddParameter> tasks = taskList(exchange.getIn().getBody());
        JobRotation rotation = targets.rotationFor(exchange);
        Sent sent = new Sent();
        if (rotation == null) {
            send(jobId, tasks, sent);
        } else {
            jobId = addRotating(rotation, exchange, tasks, sent);
        }
        List<TaskAddResult> results = new ArrayList<>(tasks.size());
        for (TaskAddParameter task : tasks) {
            TaskAddResult result = sent.byTaskId.get(task.id());
            if (result == null) {
                if (sent.unanswered.add(task.id())) {
                    sent.failures.add(new Failure(task.id(), "NoResult", "the service returned no result for this task", false));
                }
                continue;
            }
            results.add(result);
            if (!isAdded(result)) {
                String code = result.error() != null ? result.error().code() : String.valueOf(result.status());
                sent.failures.add(new Failure(task.id(), code, errorMessage(result.error()), true,
                        result.status() == TaskAddStatus.SERVER_ERROR));
            }
        }
        if (!sent.failures.isEmpty()) {
            throw new AzureBatchAddTasksException(jobId, tasks.size(), sent.failures, results);
        }
        LOG.info("Added {} tasks to Azure Batch job {} in {} requests", tasks.size(), jobId, sent.requests);
        return AzureBatchOperationResponse.of(results, Map.of(AzureBatchConstants.JOB_ID, jobId));
    }

    /** Each lease's tasks to its job; returns the job the fresh tasks went to (the last lease's). */
    private String addRotating(JobRotation rotation, Exchange exchange, List<TaskAddParameter> tasks, Sent sent)
            throws Exception {
        Map<String, TaskAddParameter> byId = new LinkedHashMap<>();
        tasks.forEach(task -> byId.putIfAbsent(task.id(), task));
        String jobId = rotation.family();
        for (JobRotation.Lease lease : rotation.beginAdd(client, byId.keySet(), options.getPoolId(exchange))) {
            jobId = lease.jobId();
            try {
                send(lease.jobId(), lease.taskIds().stream().map(byId::get).toList(), sent);
            } finally {
                List<String> refused = new ArrayList<>();
                List<String> unanswered = new ArrayList<>();
                for (String id : lease.taskIds()) {
                    TaskAddResult result = sent.byTaskId.get(id);
                    if (result == null) {
                        unanswered.add(id);
                    } else if (!isAdded(result)) {
                        refused.add(id);
                    }
                }
                rotation.endAdd(lease, refused, unanswered);
            }
        }
        return jobId;
    }

    /** What the chunks of one or more adds brought back. */
    private static final class Sent {
        final Map<String, TaskAddResult> byTaskId = new HashMap<>();
        final List<Failure> failures = new ArrayList<>();
        final Set<String> unanswered = new HashSet<>();
        int requests;
    }

    private void send(String jobId, List<TaskAddParameter> tasks, Sent sent) throws InterruptedException {
        List<Future<List<TaskAddResult>>> futures = new ArrayList<>();
        List<List<TaskAddParameter>> chunks = new ArrayList<>();
        for (int from = 0; from < tasks.size(); from += MAX_TASKS_PER_REQUEST) {
            List<TaskAddParameter> chunk = tasks.subList(from, Math.min(tasks.size(), from + MAX_TASKS_PER_REQUEST));
            chunks.add(chunk);
            futures.add(chunkSender.submit(() -> sendChunk(jobId, chunk)));
        }
        sent.requests += chunks.size();
        for (int i = 0; i < futures.size(); i++) {
            try {
                for (TaskAddResult result : futures.get(i).get()) {
                    sent.byTaskId.put(result.taskId(), result);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                String code = BatchErrors.code(cause) != null ? BatchErrors.code(cause) : cause.getClass().getSimpleName();
                LOG.warn("Adding {} tasks to Azure Batch job {} failed: {}", chunks.get(i).size(), jobId,
                        BatchErrors.describe(cause));
                boolean busy = BatchErrors.status(cause) > 0 && BatchRetryPolicy.isTransient(cause);
                chunks.get(i).forEach(task -> {
                    sent.failures.add(new Failure(task.id(), code, BatchErrors.describe(cause), false, busy));
                    sent.unanswered.add(task.id());
                });
            }
        }
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

    /** The job's tasks (of every job of a rotating family, oldest job first). */
    public AzureBatchOperationResponse listTasks(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.listTasks);
        List<CloudTask> tasks = new ArrayList<>();
        for (String job : targets.all(exchange)) {
            try {
                tasks.addAll(client.listTasks(job, options.getFilter(exchange), options.getSelect(exchange),
                        options.getMaxResults()));
            } catch (Exception e) {
                if (!targets.rotates(exchange) || !BatchErrors.hasCode(e, BatchErrors.JOB_NOT_FOUND)) {
                    throw e;
                }
            }
        }
        return AzureBatchOperationResponse.of(tasks, Map.of(AzureBatchConstants.JOB_ID, jobId));
    }

    public AzureBatchOperationResponse getTask(Exchange exchange) throws Exception {
        required(options.getJobId(exchange), "a jobId", AzureBatchOperations.getTask);
        String taskId = required(options.getTaskId(exchange), "a taskId", AzureBatchOperations.getTask);
        String jobId = targets.forTask(exchange, taskId);
        CloudTask task = client.getTask(jobId, taskId, options.getSelect(exchange));
        return AzureBatchOperationResponse.of(task, TaskHeaders.of(jobId, task));
    }

    public AzureBatchOperationResponse terminateTask(Exchange exchange) throws Exception {
        required(options.getJobId(exchange), "a jobId", AzureBatchOperations.terminateTask);
        String taskId = required(options.getTaskId(exchange), "a taskId", AzureBatchOperations.terminateTask);
        String jobId = targets.forTask(exchange, taskId);
        client.terminateTask(jobId, taskId);
        LOG.info("Terminated task {} of Azure Batch job {}", taskId, jobId);
        return AzureBatchOperationResponse.of(true,
                Map.of(AzureBatchConstants.JOB_ID, jobId, AzureBatchConstants.TASK_ID, taskId));
    }

    public AzureBatchOperationResponse deleteTask(Exchange exchange) throws Exception {
        required(options.getJobId(exchange), "a jobId", AzureBatchOperations.deleteTask);
        String taskId = required(options.getTaskId(exchange), "a taskId", AzureBatchOperations.deleteTask);
        String jobId = targets.forTask(exchange, taskId);
        boolean existed = client.deleteTask(jobId, taskId);
        if (targets.rotation() != null) {
            targets.rotation().processed(jobId, taskId);
        }
        LOG.debug("Deleted task {} of Azure Batch job {}{}", taskId, jobId, existed ? "" : " (it was gone)");
        return AzureBatchOperationResponse.of(existed,
                Map.of(AzureBatchConstants.JOB_ID, jobId, AzureBatchConstants.TASK_ID, taskId));
    }

    public AzureBatchOperationResponse listTaskFiles(Exchange exchange) throws Exception {
        required(options.getJobId(exchange), "a jobId", AzureBatchOperations.listTaskFiles);
        String taskId = required(options.getTaskId(exchange), "a taskId", AzureBatchOperations.listTaskFiles);
        String jobId = targets.forTask(exchange, taskId);
        return AzureBatchOperationResponse.of(
                client.listTaskFiles(jobId, taskId, options.getFilter(exchange), options.getMaxResults()),
                Map.of(AzureBatchConstants.JOB_ID, jobId, AzureBatchConstants.TASK_ID, taskId));
    }

    /**
     * The file (or with fileOffset / fileMaxBytes a range of it) as bytes, as a stream the exchange owns, or written
     * to fileDestination (body: the File).
     */
    public AzureBatchOperationResponse getTaskFile(Exchange exchange) throws Exception {
        required(options.getJobId(exchange), "a jobId", AzureBatchOperations.getTaskFile);
        String taskId = required(options.getTaskId(exchange), "a taskId", AzureBatchOperations.getTaskFile);
        String jobId = targets.forTask(exchange, taskId);
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
