package io.batchroutes.app;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchroutes.component.AzureBatchAddTasksException;
import org.apache.camel.Exchange;

/**
 * Fails the files whose tasks Batch would not take: for a refused task, Batch's error code and message; when the
 * whole call failed after its retries, every file of the batch with that error.
 */
public final class SubmissionFailures {

    private final ResultCollector collector;

    public SubmissionFailures(ResultCollector collector) {
        this.collector = collector;
    }

    public void record(Exchange exchange) throws IOException {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        List<TaskAddParameter> batch = tasks(exchange.getMessage().getBody());
        Map<String, TaskAddParameter> byId = batch.stream().collect(Collectors.toMap(TaskAddParameter::id, Function.identity(), (a, b) -> a));
        if (cause instanceof AzureBatchAddTasksException refused) {
            for (AzureBatchAddTasksException.Failure failure : refused.getFailures()) {
                TaskAddParameter task = byId.get(failure.taskId());
                if (task != null) {
                    collector.collectFailure(task.id(), task.displayName(), "Batch refused the task.\ntask: " + task.id()
                            + "\nerror: " + failure.code() + " - " + failure.message() + "\n");
                }
            }
            return;
        }
        String error = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        for (TaskAddParameter task : batch) {
            collector.collectFailure(task.id(), task.displayName(), "The task could not be submitted.\ntask: " + task.id()
                    + "\nerror: " + error + "\n");
        }
    }

    private static List<TaskAddParameter> tasks(Object body) {
        if (body instanceof List<?> list) {
            return list.stream().filter(TaskAddParameter.class::isInstance).map(TaskAddParameter.class::cast).toList();
        }
        return body instanceof TaskAddParameter task ? List.of(task) : List.of();
    }
}
