package io.batchroutes.component.operations;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskExecutionInformation;
import io.batchroutes.component.AzureBatchConstants;
import org.joda.time.DateTime;

/**
 * The headers describing one task, for the consumer and for getTask. Absent values are left out, never null.
 */
public final class TaskHeaders {

    private TaskHeaders() {
    }

    public static Map<String, Object> of(String jobId, CloudTask task) {
        Map<String, Object> headers = new LinkedHashMap<>();
        put(headers, AzureBatchConstants.JOB_ID, jobId);
        put(headers, AzureBatchConstants.TASK_ID, task.id());
        put(headers, AzureBatchConstants.TASK_DISPLAY_NAME, task.displayName());
        put(headers, AzureBatchConstants.TASK_STATE, task.state() == null ? null : task.state().toString());
        TaskExecutionInformation execution = task.executionInfo();
        if (execution != null) {
            put(headers, AzureBatchConstants.EXIT_CODE, execution.exitCode());
            put(headers, AzureBatchConstants.TASK_RESULT, execution.result() == null ? null : execution.result().toString());
            if (execution.failureInfo() != null) {
                put(headers, AzureBatchConstants.FAILURE_CODE, execution.failureInfo().code());
                put(headers, AzureBatchConstants.FAILURE_MESSAGE, execution.failureInfo().message());
            }
            put(headers, AzureBatchConstants.TASK_START_TIME, instant(execution.startTime()));
            put(headers, AzureBatchConstants.TASK_END_TIME, instant(execution.endTime()));
        }
        if (task.nodeInfo() != null) {
            put(headers, AzureBatchConstants.NODE_ID, task.nodeInfo().nodeId());
            put(headers, AzureBatchConstants.POOL_ID, task.nodeInfo().poolId());
        }
        return headers;
    }

    private static Instant instant(DateTime time) {
        return time == null ? null : Instant.ofEpochMilli(time.getMillis());
    }

    private static void put(Map<String, Object> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
