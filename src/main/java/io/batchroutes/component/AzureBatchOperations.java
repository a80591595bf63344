package io.batchroutes.component;

/**
 * The producer operations of the {@code azure-batch} component.
 */
public enum AzureBatchOperations {

    /** Creates the pool from the {@code PoolAddParameter} body unless it exists (PoolExists is success) and returns the {@code CloudPool}. */
    ensurePool,
    /** Returns the {@code CloudPool} named by poolId. */
    getPool,
    /** Deletes the pool named by poolId. */
    deletePool,
    /** Resizes the pool named by poolId to targetDedicatedNodes / targetLowPriorityNodes. */
    resizePool,
    /** Returns the {@code List<ComputeNode>} of the pool named by poolId, following all pages. */
    listNodes,
    /** Returns the file filePath (e.g. startup/stderr.txt) on node nodeId of pool poolId, or the range fileOffset / fileMaxBytes of it: bytes, a stream (fileResultType) or the File written to fileDestination. */
    getNodeFile,
    /** Creates the job from the optional {@code JobAddParameter} body (else from jobId + poolId) unless it exists (JobExists is success) and returns the {@code CloudJob}. */
    ensureJob,
    /** Returns the {@code CloudJob} named by jobId. */
    getJob,
    /** Terminates the job named by jobId, with the body (a String, optional) as the terminate reason. */
    terminateJob,
    /** Deletes the job named by jobId. */
    deleteJob,
    /** Adds the {@code TaskAddParameter} body to the job (TaskExists is success) and returns its {@code TaskAddResult}. */
    addTask,
    /** Adds the {@code List<TaskAddParameter>} body in parallel chunks of at most 100 and returns the {@code List<TaskAddResult>}. */
    addTasks,
    /** Returns the {@code List<CloudTask>} of the job matching filter / select, following all pages. */
    listTasks,
    /** Returns the {@code CloudTask} taskId of the job, with its state and result as headers. */
    getTask,
    /** Returns the job's {@code TaskCountsResult} (task counts and task slot counts). */
    getTaskCounts,
    /** Terminates the task taskId of the job. */
    terminateTask,
    /** Deletes the task taskId of the job with its files on the node (a task already gone counts as deleted). */
    deleteTask,
    /** Returns the {@code List<NodeFile>} of the task taskId (recursive), optionally filtered. */
    listTaskFiles,
    /** Returns the file filePath (e.g. stdout.txt, wd/out.txt) of the task taskId, or the range fileOffset / fileMaxBytes of it (e.g. fileOffset=-4096: the last 4 KiB): bytes, a stream (fileResultType) or the File written to fileDestination. */
    getTaskFile,
    /** Returns the {@code List<ImageInformation>} of images the account supports, optionally filtered. */
    listSupportedImages,
    /** Returns the newest verified {@code ImageInformation} whose node agent SKU starts with nodeAgentSkuPrefix. */
    latestSupportedImage
}
