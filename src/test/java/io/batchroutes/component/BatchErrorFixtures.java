package io.batchroutes.component;

import java.util.List;

import com.microsoft.azure.batch.protocol.models.BatchError;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNodeInformation;
import com.microsoft.azure.batch.protocol.models.ErrorMessage;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import com.microsoft.azure.batch.protocol.models.TaskAddStatus;
import com.microsoft.azure.batch.protocol.models.TaskCounts;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import com.microsoft.azure.batch.protocol.models.TaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.TaskExecutionResult;
import com.microsoft.azure.batch.protocol.models.TaskFailureInformation;
import com.microsoft.azure.batch.protocol.models.TaskState;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.joda.time.DateTime;
import retrofit2.Response;

/**
 * What the SDK returns and throws, built by hand for tests.
 */
public final class BatchErrorFixtures {

    private BatchErrorFixtures() {
    }

    public static BatchErrorException error(int status, String code) {
        return error(status, code, null);
    }

    public static BatchErrorException error(int status, String code, String retryAfter) {
        okhttp3.Response.Builder raw = new okhttp3.Response.Builder()
                .code(status).message("error").protocol(Protocol.HTTP_1_1)
                .request(new Request.Builder().url("http://127.0.0.1/jobs").build());
        if (retryAfter != null) {
            raw.header("Retry-After", retryAfter);
        }
        ResponseBody body = ResponseBody.create(MediaType.parse("application/json"), "{\"code\":\"" + code + "\"}");
        Response<ResponseBody> response = Response.error(body, raw.build());
        BatchError error = code == null ? null
                : new BatchError().withCode(code).withMessage(new ErrorMessage().withValue(code + " happened\nRequestId:x"));
        return new BatchErrorException("Status code " + status + ", {\"code\":\"" + code + "\"}", response, error);
    }

    public static List<TaskAddParameter> tasks(int count) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> new TaskAddParameter().withId(String.format("t%03d", i)).withCommandLine("/bin/sh -c 'echo " + i + "'"))
                .toList();
    }

    public static TaskAddResult success(String taskId) {
        return new TaskAddResult().withTaskId(taskId).withStatus(TaskAddStatus.SUCCESS);
    }

    public static TaskAddResult clientError(String taskId, String code) {
        return new TaskAddResult().withTaskId(taskId).withStatus(TaskAddStatus.CLIENT_ERROR)
                .withError(new BatchError().withCode(code));
    }

    public static TaskAddResult serverError(String taskId) {
        return new TaskAddResult().withTaskId(taskId).withStatus(TaskAddStatus.SERVER_ERROR)
                .withError(new BatchError().withCode("ServerBusy"));
    }

    public static TaskCountsResult counts(int completed) {
        return new TaskCountsResult().withTaskCounts(new TaskCounts().withCompleted(completed).withSucceeded(completed));
    }

    public static CloudTask completedTask(String id, int exitCode) {
        TaskExecutionInformation execution = new TaskExecutionInformation().withExitCode(exitCode)
                .withResult(exitCode == 0 ? TaskExecutionResult.SUCCESS : TaskExecutionResult.FAILURE)
                .withStartTime(DateTime.parse("2026-11-22T10:00:00.000Z"))
                .withEndTime(DateTime.parse("2026-11-22T10:01:00.000Z"));
        if (exitCode != 0) {
            execution.withFailureInfo(new TaskFailureInformation().withCode("FailureExitCode")
                    .withMessage("The task exited with an exit code representing a failure"));
        }
        return new CloudTask().withId(id).withDisplayName("name-" + id).withState(TaskState.COMPLETED)
                .withExecutionInfo(execution).withNodeInfo(new ComputeNodeInformation().withNodeId("node-1").withPoolId("p1"));
    }

    /** A completed task whose state changed to completed at {@code completedAt}. */
    public static CloudTask completedTask(String id, int exitCode, String completedAt) {
        return completedTask(id, exitCode).withStateTransitionTime(DateTime.parse(completedAt));
    }
}
