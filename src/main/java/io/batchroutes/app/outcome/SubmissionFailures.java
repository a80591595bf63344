package io.batchroutes.app.outcome;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchroutes.component.AzureBatchAddTasksException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The submit route's error handler: fails the files whose tasks Batch would not take. For a refused task, Batch's
 * error code and message; when the whole call failed after its retries, every file of the batch with that error.
 */
public final class SubmissionFailures {

    private final FileOutcomes outcomes;

    public SubmissionFailures(FileOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    /** @param body the batch of tasks (a list, or one task) */
    public void record(@Body Object body, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) throws IOException {
        List<TaskAddParameter> batch = tasks(body);
        if (cause instanceof AzureBatchAddTasksException refused) {
            Map<String, TaskAddParameter> byId = batch.stream()
                    .collect(Collectors.toMap(TaskAddParameter::id, Function.identity(), (a, b) -> a));
            for (AzureBatchAddTasksException.Failure failure : refused.getFailures()) {
                TaskAddParameter task = byId.get(failure.taskId());
                if (task != null) {
                    outcomes.failed(task.id(), task.displayName(),
                            FailureReason.refused(task.id(), failure.code(), failure.message()));
                }
            }
            return;
        }
        for (TaskAddParameter task : batch) {
            outcomes.failed(task.id(), task.displayName(), FailureReason.notAccepted(task.id(), cause));
        }
    }

    private static List<TaskAddParameter> tasks(Object body) {
        if (body instanceof List<?> list) {
            return list.stream().filter(TaskAddParameter.class::isInstance).map(TaskAddParameter.class::cast).toList();
        }
        return body instanceof TaskAddParameter task ? List.of(task) : List.of();
    }
}
