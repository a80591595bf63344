package io.batchroutes.component.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import com.microsoft.azure.Page;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.BatchServiceClient;
import com.microsoft.azure.batch.protocol.implementation.AccountsImpl;
import com.microsoft.azure.batch.protocol.implementation.ComputeNodesImpl;
import com.microsoft.azure.batch.protocol.implementation.FilesImpl;
import com.microsoft.azure.batch.protocol.implementation.JobsImpl;
import com.microsoft.azure.batch.protocol.implementation.PoolsImpl;
import com.microsoft.azure.batch.protocol.implementation.TasksImpl;
import com.microsoft.azure.batch.protocol.models.AccountListSupportedImagesOptions;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeListOptions;
import com.microsoft.azure.batch.protocol.models.FileGetFromComputeNodeOptions;
import com.microsoft.azure.batch.protocol.models.FileGetFromTaskOptions;
import com.microsoft.azure.batch.protocol.models.FileListFromTaskOptions;
import com.microsoft.azure.batch.protocol.models.ImageInformation;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobGetOptions;
import com.microsoft.azure.batch.protocol.models.JobListOptions;
import com.microsoft.azure.batch.protocol.models.JobTerminateOptions;
import com.microsoft.azure.batch.protocol.models.NodeFile;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolGetOptions;
import com.microsoft.azure.batch.protocol.models.PoolListOptions;
import com.microsoft.azure.batch.protocol.models.PoolResizeParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddCollectionResult;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import com.microsoft.azure.batch.protocol.models.TaskGetOptions;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import com.microsoft.rest.ServiceResponse;
import rx.Observable;

/**
 * The Batch calls the component makes, one method each, over the SDK's protocol layer. Every call goes through the
 * retry policy and every list follows all pages. Operations depend on this class, not on the SDK client, so they can
 * be tested with a mock of it.
 */
public class BatchClientWrapper {

    /** Where a downloaded file goes; opened anew (and emptied) for every attempt, so a retry never appends. */
    @FunctionalInterface
    public interface FileSink {
        OutputStream open() throws IOException;
    }

    private final BatchClient client;
    private final BatchRetryPolicy retry;

    public BatchClientWrapper(BatchClient client, BatchRetryPolicy retry) {
        this.client = client;
        this.retry = retry;
    }

    private BatchServiceClient api() {
        return client.protocolLayer();
    }

    public void createPool(PoolAddParameter pool) throws Exception {
        retry.execute("createPool pool=" + pool.id(), () -> {
            api().pools().add(pool);
            return null;
        });
    }

    public CloudPool getPool(String poolId, String select) throws Exception {
        return retry.execute("getPool pool=" + poolId,
                () -> api().pools().get(poolId, new PoolGetOptions().withSelect(select)));
    }

    /** One page of at most {@code maxResults} pools: a cheap "is the account reachable" call. */
    public List<CloudPool> listPoolsFirstPage(String select, int maxResults) throws Exception {
        PoolListOptions options = new PoolListOptions().withSelect(select).withMaxResults(maxResults);
        PoolsImpl pools = (PoolsImpl) api().pools();
        Page<CloudPool> page = retry.execute("listPools", () -> pools.listSinglePageAsync(options).toBlocking().single().body());
        return page.items() == null ? List.of() : page.items();
    }

    public void deletePool(String poolId) throws Exception {
        retry.execute("deletePool pool=" + poolId, () -> {
            api().pools().delete(poolId);
            return null;
        });
    }

    public void resizePool(String poolId, Integer targetDedicatedNodes, Integer targetLowPriorityNodes)
            throws Exception {
        PoolResizeParameter resize = new PoolResizeParameter().withTargetDedicatedNodes(targetDedicatedNodes)
                .withTargetLowPriorityNodes(targetLowPriorityNodes);
        retry.execute("resizePool pool=" + poolId, () -> {
            api().pools().resize(poolId, resize);
            return null;
        });
    }

    public List<ComputeNode> listNodes(String poolId, String filter, String select, Integer maxResults)
            throws Exception {
        ComputeNodeListOptions options = new ComputeNodeListOptions().withFilter(filter).withSelect(select)
                .withMaxResults(maxResults);
        ComputeNodesImpl nodes = (ComputeNodesImpl) api().computeNodes();
        return allPages("listNodes pool=" + poolId, () -> nodes.listSinglePageAsync(poolId, options),
                link -> nodes.listNextSinglePageAsync(link));
    }

    /** The node file, or the part {@code ocpRange} names ({@code bytes=first-last}; null: all of it). */
    public byte[] getNodeFile(String poolId, String nodeId, String filePath, String ocpRange) throws Exception {
        FileGetFromComputeNodeOptions options = new FileGetFromComputeNodeOptions().withOcpRange(ocpRange);
        return retry.execute("getNodeFile pool=" + poolId + " node=" + nodeId + " file=" + filePath, () -> {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            api().files().getFromComputeNode(poolId, nodeId, filePath, options, content);
            return content.toByteArray();
        });
    }

    /** Streams the node file (or the part {@code ocpRange} names) into the sink, without holding it in memory. */
    public void downloadNodeFile(String poolId, String nodeId, String filePath, String ocpRange, FileSink sink)
            throws Exception {
        FileGetFromComputeNodeOptions options = new FileGetFromComputeNodeOptions().withOcpRange(ocpRange);
        retry.execute("getNodeFile pool=" + poolId + " node=" + nodeId + " file=" + filePath, () -> {
            try (OutputStream out = sink.open()) {
                api().files().getFromComputeNode(poolId, nodeId, filePath, options, out);
            }
            return null;
        });
    }

    /** The node file's length in bytes, from its properties (a HEAD request). */
    public long nodeFileLength(String poolId, String nodeId, String filePath) throws Exception {
        Long length = retry.execute("getNodeFileProperties pool=" + poolId + " node=" + nodeId + " file=" + filePath,
                () -> api().files().getPropertiesFromComputeNodeWithServiceResponseAsync(poolId, nodeId, filePath)
                        .toBlocking().single().headers().contentLength());
        return length == null ? 0 : length;
    }

    public void createJob(JobAddParameter job) throws Exception {
        retry.execute("createJob job=" + job.id(), () -> {
            api().jobs().add(job);
            return null;
        });
    }

    public CloudJob getJob(String jobId, String select) throws Exception {
        return retry.execute("getJob job=" + jobId,
                () -> api().jobs().get(jobId, new JobGetOptions().withSelect(select)));
    }

    /** Every job of the account (all pages), with the properties named in {@code select}. */
    public List<CloudJob> listJobs(String filter, String select) throws Exception {
        JobListOptions options = new JobListOptions().withFilter(filter).withSelect(select);
        JobsImpl jobs = (JobsImpl) api().jobs();
        return allPages("listJobs", () -> jobs.listSinglePageAsync(options), link -> jobs.listNextSinglePageAsync(link));
    }

    public void terminateJob(String jobId, String terminateReason) throws Exception {
        retry.execute("terminateJob job=" + jobId, () -> {
            api().jobs().terminate(jobId, terminateReason, new JobTerminateOptions());
            return null;
        });
    }

    public void deleteJob(String jobId) throws Exception {
        retry.execute("deleteJob job=" + jobId, () -> {
            api().jobs().delete(jobId);
            return null;
        });
    }

    public TaskCountsResult getTaskCounts(String jobId) throws Exception {
        return retry.execute("getTaskCounts job=" + jobId, () -> api().jobs().getTaskCounts(jobId));
    }

    public void createTask(String jobId, TaskAddParameter task) throws Exception {
        retry.execute("createTask job=" + jobId + " task=" + task.id(), () -> {
            api().tasks().add(jobId, task);
            return null;
        });
    }

    /** Adds at most 100 tasks in one request; the per-task results come back in any order. */
    public List<TaskAddResult> addTaskCollection(String jobId, List<TaskAddParameter> tasks) throws Exception {
        if (tasks.size() > 100) {
            throw new IllegalArgumentException("At most 100 tasks per request, got " + tasks.size());
        }
        TaskAddCollectionResult result = retry.execute("addTaskCollection job=" + jobId + " tasks=" + tasks.size(),
                () -> api().tasks().addCollection(jobId, tasks));
        return result == null || result.value() == null ? List.of() : result.value();
    }

    public List<CloudTask> listTasks(String jobId, String filter, String select, Integer maxResults) throws Exception {
        TaskListOptions options = new TaskListOptions().withFilter(filter).withSelect(select).withMaxResults(maxResults);
        TasksImpl tasks = (TasksImpl) api().tasks();
        return allPages("listTasks job=" + jobId, () -> tasks.listSinglePageAsync(jobId, options),
                link -> tasks.listNextSinglePageAsync(link));
    }

    public CloudTask getTask(String jobId, String taskId, String select) throws Exception {
        return retry.execute("getTask job=" + jobId + " task=" + taskId,
                () -> api().tasks().get(jobId, taskId, new TaskGetOptions().withSelect(select)));
    }

    /** Deletes a task; true if it was there ({@code TaskNotFound} counts as already deleted). */
    public boolean deleteTask(String jobId, String taskId) throws Exception {
        try {
            retry.execute("deleteTask job=" + jobId + " task=" + taskId, () -> {
                api().tasks().delete(jobId, taskId);
                return null;
            });
            return true;
        } catch (Exception e) {
            if (BatchErrors.hasCode(e, BatchErrors.TASK_NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    public void terminateTask(String jobId, String taskId) throws Exception {
        retry.execute("terminateTask job=" + jobId + " task=" + taskId, () -> {
            api().tasks().terminate(jobId, taskId);
            return null;
        });
    }

    public List<NodeFile> listTaskFiles(String jobId, String taskId, String filter, Integer maxResults)
            throws Exception {
        FileListFromTaskOptions options = new FileListFromTaskOptions().withFilter(filter).withMaxResults(maxResults);
        FilesImpl files = (FilesImpl) api().files();
        return allPages("listTaskFiles job=" + jobId + " task=" + taskId,
                () -> files.listFromTaskSinglePageAsync(jobId, taskId, true, options),
                link -> files.listFromTaskNextSinglePageAsync(link));
    }

    /** The task file, or the part {@code ocpRange} names ({@code bytes=first-last}; null: all of it). */
    public byte[] getTaskFile(String jobId, String taskId, String filePath, String ocpRange) throws Exception {
        FileGetFromTaskOptions options = new FileGetFromTaskOptions().withOcpRange(ocpRange);
        return retry.execute("getTaskFile job=" + jobId + " task=" + taskId + " file=" + filePath, () -> {
            // The OutputStream variant reads the body inside the call; the InputStream variant hands back a stream
            // whose connection may already be released ("Socket closed").
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            api().files().getFromTask(jobId, taskId, filePath, options, content);
            return content.toByteArray();
        });
    }

    /** Streams the task file (or the part {@code ocpRange} names) into the sink, without holding it in memory. */
    public void downloadTaskFile(String jobId, String taskId, String filePath, String ocpRange, FileSink sink)
            throws Exception {
        FileGetFromTaskOptions options = new FileGetFromTaskOptions().withOcpRange(ocpRange);
        retry.execute("getTaskFile job=" + jobId + " task=" + taskId + " file=" + filePath, () -> {
            try (OutputStream out = sink.open()) {
                api().files().getFromTask(jobId, taskId, filePath, options, out);
            }
            return null;
        });
    }

    /** The task file's length in bytes, from its properties (a HEAD request). */
    public long taskFileLength(String jobId, String taskId, String filePath) throws Exception {
        Long length = retry.execute("getTaskFileProperties job=" + jobId + " task=" + taskId + " file=" + filePath,
                () -> api().files().getPropertiesFromTaskWithServiceResponseAsync(jobId, taskId, filePath)
                        .toBlocking().single().headers().contentLength());
        return length == null ? 0 : length;
    }

    public List<ImageInformation> listSupportedImages(String filter, Integer maxResults) throws Exception {
        AccountListSupportedImagesOptions options = new AccountListSupportedImagesOptions().withFilter(filter)
                .withMaxResults(maxResults);
        AccountsImpl accounts = (AccountsImpl) api().accounts();
        return allPages("listSupportedImages", () -> accounts.listSupportedImagesSinglePageAsync(options),
                link -> accounts.listSupportedImagesNextSinglePageAsync(link));
    }

    /**
     * Reads every page, each with its own retries: a throttled page 7 is asked for again, not the whole list. (The
     * SDK's PagedList prefetches the next page and cannot resume after an error, hence the single-page calls.)
     */
    private <T> List<T> allPages(String what, Supplier<Observable<? extends ServiceResponse<Page<T>>>> first,
                                 Function<String, Observable<? extends ServiceResponse<Page<T>>>> next) throws Exception {
        List<T> items = new ArrayList<>();
        Page<T> page = retry.execute(what, () -> first.get().toBlocking().single().body());
        for (int number = 2;; number++) {
            if (page.items() != null) {
                items.addAll(page.items());
            }
            String link = page.nextPageLink();
            if (link == null || link.isEmpty()) {
                return items;
            }
            page = retry.execute(what + " page " + number, () -> next.apply(link).toBlocking().single().body());
        }
    }
}
