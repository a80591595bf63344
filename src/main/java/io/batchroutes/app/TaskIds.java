package io.batchroutes.app;

import org.apache.camel.Exchange;

/** Gives a picked-up file its task id and the blob name its content is staged under. */
public final class TaskIds {

    public static final String TASK_ID = "CamelAzureBatchTaskId";
    public static final String BLOB_NAME = "CamelAzureStorageBlobBlobName";

    public void assign(Exchange exchange) {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        long size = exchange.getMessage().getHeader(Exchange.FILE_LENGTH, 0L, Long.class);
        long modified = exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, 0L, Long.class);
        String taskId = TaskIdentity.taskId(name, size, modified);
        exchange.getMessage().setHeader(TASK_ID, taskId);
        exchange.getMessage().setHeader(BLOB_NAME, StagingArea.inputBlobName(taskId, WorkType.extension(name)));
    }
}
