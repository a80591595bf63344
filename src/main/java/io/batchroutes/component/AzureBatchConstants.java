package io.batchroutes.component;

import org.apache.camel.spi.Metadata;

/**
 * The message headers of the {@code azure-batch} component. Headers set on the exchange override the endpoint
 * options of the same name; the component sets the task headers on consumed and returned tasks.
 */
public final class AzureBatchConstants {

    private static final String PREFIX = "CamelAzureBatch";

    @Metadata(label = "producer", description = "The operation to perform; overrides the operation option.",
              javaType = "io.batchroutes.component.AzureBatchOperations")
    public static final String OPERATION = PREFIX + "Operation";

    @Metadata(description = "The job id; overrides the jobId path parameter. Set on consumed and returned tasks.",
              javaType = "String")
    public static final String JOB_ID = PREFIX + "JobId";

    @Metadata(description = "The pool id; overrides the poolId option. Set by pool operations.", javaType = "String")
    public static final String POOL_ID = PREFIX + "PoolId";

    @Metadata(description = "The task id; overrides the taskId option. Set on consumed and returned tasks.",
              javaType = "String")
    public static final String TASK_ID = PREFIX + "TaskId";

    @Metadata(label = "producer", description = "The OData $filter of list operations; overrides the filter option.",
              javaType = "String")
    public static final String FILTER = PREFIX + "Filter";

    @Metadata(label = "producer", description = "The OData $select of list and get operations; overrides the select option.",
              javaType = "String")
    public static final String SELECT = PREFIX + "Select";

    @Metadata(label = "producer",
              description = "The file path of getTaskFile (relative to the task directory, e.g. stdout.txt) or getNodeFile"
                            + " (relative to the node root, e.g. startup/stderr.txt); overrides the filePath option.",
              javaType = "String")
    public static final String FILE_PATH = PREFIX + "FilePath";

    @Metadata(label = "producer",
              description = "Where getTaskFile or getNodeFile writes the file (a directory, where the file keeps its"
                            + " base name, or a file path); the body is then the java.io.File. Overrides the"
                            + " fileDestination option.",
              javaType = "String")
    public static final String FILE_DESTINATION = PREFIX + "FileDestination";

    @Metadata(description = "getTaskFile and getNodeFile: in, the first byte to read (negative: counted from the end,"
                            + " -4096 = the last 4096 bytes), overriding the fileOffset option; out, after a ranged"
                            + " read, where the returned bytes start in the file.",
              javaType = "Long")
    public static final String FILE_OFFSET = PREFIX + "FileOffset";

    @Metadata(label = "producer", description = "The most bytes getTaskFile or getNodeFile reads; overrides the"
                                                + " fileMaxBytes option.",
              javaType = "Long")
    public static final String FILE_MAX_BYTES = PREFIX + "FileMaxBytes";

    @Metadata(label = "producer", description = "Set by a ranged getTaskFile or getNodeFile (fileOffset or"
                                                + " fileMaxBytes given): the whole length of the file in bytes when it"
                                                + " was read.",
              javaType = "Long")
    public static final String FILE_LENGTH = PREFIX + "FileLength";

    @Metadata(description = "The compute node id; overrides the nodeId option. Set on consumed and returned tasks"
                            + " (the node the task ran on).",
              javaType = "String")
    public static final String NODE_ID = PREFIX + "NodeId";

    @Metadata(label = "producer", description = "The target number of dedicated nodes of resizePool.",
              javaType = "Integer")
    public static final String TARGET_DEDICATED_NODES = PREFIX + "TargetDedicatedNodes";

    @Metadata(label = "producer", description = "The target number of Spot/low-priority nodes of resizePool.",
              javaType = "Integer")
    public static final String TARGET_LOW_PRIORITY_NODES = PREFIX + "TargetLowPriorityNodes";

    @Metadata(label = "producer", description = "The node agent SKU prefix of latestSupportedImage, e.g. batch.node.ubuntu.",
              javaType = "String")
    public static final String NODE_AGENT_SKU_PREFIX = PREFIX + "NodeAgentSkuPrefix";

    @Metadata(label = "consumer", description = "Set to true on a consumed exchange to keep its task in the job although"
            + " deleteCompleted is on (its processing is not finished: it is emitted again after a restart).",
            javaType = "Boolean")
    public static final String KEEP_TASK = PREFIX + "KeepTask";

    @Metadata(description = "The display name of the consumed or returned task.", javaType = "String")
    public static final String TASK_DISPLAY_NAME = PREFIX + "TaskDisplayName";

    @Metadata(description = "The state of the consumed or returned task: active, preparing, running or completed.",
              javaType = "String")
    public static final String TASK_STATE = PREFIX + "TaskState";

    @Metadata(description = "The exit code of the task process, when it ran.", javaType = "Integer")
    public static final String EXIT_CODE = PREFIX + "ExitCode";

    @Metadata(description = "The result of a completed task: success or failure.", javaType = "String")
    public static final String TASK_RESULT = PREFIX + "TaskResult";

    @Metadata(description = "The failure code of a failed task, e.g. FailureExitCode or BlobNotFound.",
              javaType = "String")
    public static final String FAILURE_CODE = PREFIX + "FailureCode";

    @Metadata(description = "The failure message of a failed task.", javaType = "String")
    public static final String FAILURE_MESSAGE = PREFIX + "FailureMessage";

    @Metadata(description = "When the task started running.", javaType = "java.time.Instant")
    public static final String TASK_START_TIME = PREFIX + "TaskStartTime";

    @Metadata(description = "When the task completed.", javaType = "java.time.Instant")
    public static final String TASK_END_TIME = PREFIX + "TaskEndTime";

    private AzureBatchConstants() {
    }
}
