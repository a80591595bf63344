package io.batchroutes.testsupport;

import java.time.Duration;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskState;

/** Waiting on Batch tasks through the SDK, as a user's code would. */
public final class BatchTasks {

    private BatchTasks() {
    }

    /** Waits until the task is in {@code state} and returns it as Batch then reports it. */
    public static CloudTask awaitState(BatchClient client, String jobId, String taskId, TaskState state, Duration timeout) {
        return Await.until("task " + taskId + " to be " + state, timeout,
                () -> client.taskOperations().getTask(jobId, taskId), t -> t.state() == state);
    }
}
