package io.batchroutes.component;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/**
 * The options of an {@code azure-batch} endpoint: what it works on and how (the account, credentials and retries are
 * in {@link AzureBatchAccountConfiguration}). The component holds one instance and copies it for every endpoint.
 */
@UriParams
public class AzureBatchConfiguration extends AzureBatchAccountConfiguration implements Cloneable {

    @UriPath(label = "common")
    private String jobId;
    @UriParam(label = "common")
    private String poolId;
    @UriParam(label = "common")
    private String filter;
    @UriParam(label = "common")
    private String select;
    @UriParam(label = "common")
    private Integer maxResults;

    @UriParam(label = "consumer", defaultValue = "30000")
    private long stateTransitionMargin = 30000;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean adaptivePoll = true;
    @UriParam(label = "consumer", defaultValue = "0")
    private int completionsPerList;
    @UriParam(label = "consumer", defaultValue = "2000")
    private long maxBusyPollDelay = 2000;
    @UriParam(label = "consumer", defaultValue = "false")
    private boolean deleteCompleted;
    @UriParam(label = "consumer", defaultValue = "50")
    private long promptPollDelay = 50;
    @UriParam(label = "consumer", defaultValue = "1000")
    private long promptPollWindow = 1000;

    @UriParam(label = "producer", defaultValue = "listTasks")
    private AzureBatchOperations operation;
    @UriParam(label = "producer")
    private String taskId;
    @UriParam(label = "producer")
    private String nodeId;
    @UriParam(label = "producer")
    private String filePath;
    @UriParam(label = "producer")
    private String fileDestination;
    @UriParam(label = "producer", defaultValue = "bytes")
    private AzureBatchFileResultType fileResultType = AzureBatchFileResultType.bytes;
    @UriParam(label = "producer")
    private Long fileOffset;
    @UriParam(label = "producer")
    private Long fileMaxBytes;
    @UriParam(label = "producer")
    private Integer targetDedicatedNodes;
    @UriParam(label = "producer")
    private Integer targetLowPriorityNodes;
    @UriParam(label = "producer", defaultValue = "batch.node.ubuntu")
    private String nodeAgentSkuPrefix = "batch.node.ubuntu";
    @UriParam(label = "producer", defaultValue = "4")
    private int addTasksParallelism = 4;

    @UriParam(label = "producer", defaultValue = "900000")
    private long deletionWaitTimeout = 900000;
    @UriParam(label = "common", defaultValue = "0")
    private int tasksPerJob;

    /**
     * The Batch job the endpoint works on: the job the consumer watches, and the job of the job and task operations.
     * Optional for pool, node and account operations.
     */
    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    /**
     * The pool of the pool and node operations, and the pool a job created by ensureJob runs on.
     */
    public String getPoolId() {
        return poolId;
    }

    public void setPoolId(String poolId) {
        this.poolId = poolId;
    }

    /**
     * An OData $filter for list operations, e.g. executionInfo/result eq 'failure'. The consumer combines it with
     * state eq 'completed'.
     */
    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    /**
     * An OData $select (comma-separated property names) for list and get operations, e.g.
     * id,state,executionInfo. The consumer selects id,displayName,state,stateTransitionTime,executionInfo,nodeInfo
     * when not set.
     */
    public String getSelect() {
        return select;
    }

    public void setSelect(String select) {
        this.select = select;
    }

    /**
     * The page size (1 to 1000) asked of the service by list operations; all pages are always followed. Unset means
     * the service default (1000).
     */
    public Integer getMaxResults() {
        return maxResults;
    }

    public void setMaxResults(Integer maxResults) {
        this.maxResults = maxResults;
    }

    /**
     * Consumer: how far (milliseconds) before the latest completion it has seen each incremental list of completed
     * tasks reaches back (stateTransitionTime ge latest - margin). It covers tasks whose completion becomes visible
     * late; ids inside this window are remembered to emit each task once. Larger is safer, smaller lists less.
     */
    public long getStateTransitionMargin() {
        return stateTransitionMargin;
    }

    public void setStateTransitionMargin(long stateTransitionMargin) {
        this.stateTransitionMargin = stateTransitionMargin;
    }

    /**
     * Consumer: while polls keep finding completed tasks, the next poll lists directly (one call) instead of reading
     * the task counts first; once a list finds nothing new it goes back to the cheap task-counts check. Either way a
     * poll makes one call. Combine with backoffIdleThreshold/backoffMultiplier to slow down idle polling.
     */
    public boolean isAdaptivePoll() {
        return adaptivePoll;
    }

    public void setAdaptivePoll(boolean adaptivePoll) {
        this.adaptivePoll = adaptivePoll;
    }

    /**
     * Consumer: while tasks keep completing, space the lists so that each is expected to find about this many
     * completed tasks (from the completion rate seen so far; with fewer tasks than that in flight at the last task
     * counts, a quarter of them), but never more than maxBusyPollDelay apart. Fewer calls per task at a small cost
     * in latency under load; a lone task is still picked up at the normal delay. 0 (the default) lists at every poll.
     */
    public int getCompletionsPerList() {
        return completionsPerList;
    }

    public void setCompletionsPerList(int completionsPerList) {
        this.completionsPerList = completionsPerList;
    }

    /** Consumer: the longest wait between two lists while tasks keep completing (see completionsPerList), in ms. */
    public long getMaxBusyPollDelay() {
        return maxBusyPollDelay;
    }

    public void setMaxBusyPollDelay(long maxBusyPollDelay) {
        this.maxBusyPollDelay = maxBusyPollDelay;
    }

    /**
     * Consumer: delete each emitted task from the job once its exchange completed without an exception (handled or
     * not), as the file component's delete or SQS's deleteAfterRead do. Keeps the job, and the service's memory of it,
     * bounded by the tasks not yet processed; one deleteTask call per task. A task whose processing failed stays, so
     * it is emitted again after a restart.
     */
    public boolean isDeleteCompleted() {
        return deleteCompleted;
    }

    public void setDeleteCompleted(boolean deleteCompleted) {
        this.deleteCompleted = deleteCompleted;
    }

    /**
     * Consumer: when a producer of this component adds tasks to the job while the consumer saw none in flight, poll
     * every this many ms (0: off) until a poll finds a completed task or promptPollWindow ms passed, besides the
     * regular polls. A lone short task is then collected within about this delay of completing, for a few calls;
     * under volume the job is not idle and nothing changes.
     */
    public long getPromptPollDelay() {
        return promptPollDelay;
    }

    public void setPromptPollDelay(long promptPollDelay) {
        this.promptPollDelay = promptPollDelay;
    }

    /** Consumer: how long prompt polling (promptPollDelay) lasts at most after a submission, in ms. */
    public long getPromptPollWindow() {
        return promptPollWindow;
    }

    public void setPromptPollWindow(long promptPollWindow) {
        this.promptPollWindow = promptPollWindow;
    }

    /**
     * The producer operation. The CamelAzureBatchOperation header overrides it.
     */
    public AzureBatchOperations getOperation() {
        return operation;
    }

    public void setOperation(AzureBatchOperations operation) {
        this.operation = operation;
    }

    /**
     * The task of getTask, terminateTask, deleteTask, listTaskFiles and getTaskFile.
     */
    public String getTaskId() {
        return taskId;
    }

    public void setTaskId(String taskId) {
        this.taskId = taskId;
    }

    /**
     * The compute node of getNodeFile.
     */
    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    /**
     * The file of getTaskFile (relative to the task directory, e.g. stdout.txt or wd/result.txt) or getNodeFile
     * (relative to the node root, e.g. startup/stderr.txt).
     */
    public String getFilePath() {
        return filePath;
    }

    public void setFilePath(String filePath) {
        this.filePath = filePath;
    }

    /**
     * Where getTaskFile and getNodeFile write the file instead of returning its content: an existing directory (or a
     * path ending with /), where the file keeps its base name, or a file path. The file is streamed to a temporary
     * file in the same directory and then moved into place atomically, so it is never held in memory and readers
     * never see half a file; an existing file is replaced. The body is then the java.io.File. The
     * CamelAzureBatchFileDestination header overrides it.
     */
    public String getFileDestination() {
        return fileDestination;
    }

    public void setFileDestination(String fileDestination) {
        this.fileDestination = fileDestination;
    }

    /**
     * What getTaskFile and getNodeFile return when no fileDestination is given: bytes (a byte array, the whole file in
     * memory) or stream (an InputStream over a temporary copy in java.io.tmpdir, closed and deleted when the exchange
     * completes; use it for large files).
     */
    public AzureBatchFileResultType getFileResultType() {
        return fileResultType;
    }

    public void setFileResultType(AzureBatchFileResultType fileResultType) {
        this.fileResultType = fileResultType;
    }

    /**
     * Reads only part of the file in getTaskFile and getNodeFile, from this byte on (0 is the first byte); a negative
     * value counts from the end: -4096 reads the last 4096 bytes. With fileOffset or fileMaxBytes set, the file's
     * length is asked for first (one more call) and only the range is downloaded (the ocp-range header); an offset at
     * or past the end gives an empty body without a download. The CamelAzureBatchFileLength header then holds the
     * file's whole length and CamelAzureBatchFileOffset where the returned bytes start: to follow a growing file, ask
     * again from offset + the bytes returned.
     */
    public Long getFileOffset() {
        return fileOffset;
    }

    public void setFileOffset(Long fileOffset) {
        this.fileOffset = fileOffset;
    }

    /**
     * Reads at most this many bytes in getTaskFile and getNodeFile, from fileOffset (or the start of the file).
     */
    public Long getFileMaxBytes() {
        return fileMaxBytes;
    }

    public void setFileMaxBytes(Long fileMaxBytes) {
        this.fileMaxBytes = fileMaxBytes;
    }

    /**
     * The target number of dedicated nodes of resizePool.
     */
    public Integer getTargetDedicatedNodes() {
        return targetDedicatedNodes;
    }

    public void setTargetDedicatedNodes(Integer targetDedicatedNodes) {
        this.targetDedicatedNodes = targetDedicatedNodes;
    }

    /**
     * The target number of Spot/low-priority nodes of resizePool.
     */
    public Integer getTargetLowPriorityNodes() {
        return targetLowPriorityNodes;
    }

    public void setTargetLowPriorityNodes(Integer targetLowPriorityNodes) {
        this.targetLowPriorityNodes = targetLowPriorityNodes;
    }

    /**
     * The node agent SKU prefix latestSupportedImage looks for, e.g. batch.node.ubuntu or batch.node.windows.
     */
    public String getNodeAgentSkuPrefix() {
        return nodeAgentSkuPrefix;
    }

    public void setNodeAgentSkuPrefix(String nodeAgentSkuPrefix) {
        this.nodeAgentSkuPrefix = nodeAgentSkuPrefix;
    }

    /**
     * With a value above 0 the job rotates: the endpoint's jobId names a family of jobs {@code <jobId>-g<n>}; tasks are
     * added to the newest, a new one is started once it holds this many tasks, and an older one is deleted (one call
     * for all its tasks) once every task it holds was processed by a consumer with deleteCompleted. Task operations
     * find the job that holds the task; getTaskCounts and listTasks cover every job of the family. 0: one job, as
     * named.
     */
    public int getTasksPerJob() {
        return tasksPerJob;
    }

    public void setTasksPerJob(int tasksPerJob) {
        this.tasksPerJob = tasksPerJob;
    }

    /**
     * How many chunks of at most 100 tasks addTasks sends at the same time.
     */
    public int getAddTasksParallelism() {
        return addTasksParallelism;
    }

    public void setAddTasksParallelism(int addTasksParallelism) {
        this.addTasksParallelism = addTasksParallelism;
    }

    /**
     * How long ensurePool and ensureJob wait, in milliseconds, for a pool or job of the same id that is still being
     * deleted (409 PoolBeingDeleted / JobBeingDeleted), creating it again after 1 s, then twice as long each time up
     * to 15 s. The service takes minutes to delete a pool with nodes; the default is 15 minutes; 0 fails at once.
     */
    public long getDeletionWaitTimeout() {
        return deletionWaitTimeout;
    }

    public void setDeletionWaitTimeout(long deletionWaitTimeout) {
        this.deletionWaitTimeout = deletionWaitTimeout;
    }

    /**
     * A copy for one endpoint, so an endpoint never changes the component's configuration.
     */
    public AzureBatchConfiguration copy() {
        try {
            return (AzureBatchConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    @Override
    public String toString() {
        // Never prints the account key or the client secret.
        return "AzureBatchConfiguration[jobId=" + jobId + ", accountUrl=" + getAccountUrl() + ", accountName=" + getAccountName()
               + ", poolId=" + poolId + ", operation=" + operation + "]";
    }
}
