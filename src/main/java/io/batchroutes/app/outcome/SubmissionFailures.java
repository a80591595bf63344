package io.batchroutes.app.outcome;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchroutes.app.folder.InFlightFile;
import io.batchroutes.component.AzureBatchAddTasksException;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

/**
 * The submit route's error handler: fails the files whose tasks Batch would not take. For a refused task, Batch's
 * error code and message; when the whole call failed after its retries, every file of the batch with that error. A
 * bundle's files fail one by one, each with its own task id.
 */
public final class SubmissionFailures {

    private final FileOutcomes outcomes;
    private final BundledFiles bundles;

    public SubmissionFailures(FileOutcomes outcomes, BundledFiles bundles) {
        this.outcomes = outcomes;
        this.bundles = bundles;
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
                    failEach(task, (id, name) -> failure.answered()
                            ? FailureReason.refused(id, failure.code(), failure.message())
                            : FailureReason.notAnswered(id, failure.code() + ": " + failure.message()));
                }
            }
            return;
        }
        for (TaskAddParameter task : batch) {
            failEach(task, (id, name) -> FailureReason.notAccepted(id, cause));
        }
        // Gathered files whose tasks were not built yet (the step that builds them failed).
        for (InFlightFile file : files(body)) {
            outcomes.failed(file.taskId(), file.fileName(), FailureReason.notAccepted(file.taskId(), cause));
        }
    }

    /** A single task's file, or each file of a bundle, fails with the reason. */
    private void failEach(TaskAddParameter task, BiFunction<String, String, FailureReason> reason) throws IOException {
        Map<String, String> bundled = bundles.filesOf(task.id());
        if (bundled.isEmpty()) {
            outcomes.failed(task.id(), task.displayName(), reason.apply(task.id(), task.displayName()));
            return;
        }
        for (Map.Entry<String, String> file : bundled.entrySet()) {
            outcomes.failed(file.getValue(), file.getKey(), reason.apply(file.getValue(), file.getKey()));
        }
        bundles.forget(task.id());
    }

    private static List<InFlightFile> files(Object body) {
        return body instanceof List<?> list
                ? list.stream().filter(InFlightFile.class::isInstance).map(InFlightFile.class::cast).toList() : List.of();
    }

    private static List<TaskAddParameter> tasks(Object body) {
        if (body instanceof List<?> list) {
            return list.stream().filter(TaskAddParameter.class::isInstance).map(TaskAddParameter.class::cast).toList();
        }
        return body instanceof TaskAddParameter task ? List.of(task) : List.of();
    }
}
