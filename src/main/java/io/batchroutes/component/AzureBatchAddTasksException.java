package io.batchroutes.component;

import java.util.List;
import java.util.stream.Collectors;

import com.microsoft.azure.batch.protocol.models.TaskAddResult;

/**
 * Thrown by addTasks after all chunks were sent when some tasks could not be added (a client error other than
 * TaskExists, a server error that outlived the retries, or a chunk whose request failed). It names the failed task
 * ids and their error codes, and carries every per-task result.
 */
public class AzureBatchAddTasksException extends RuntimeException {

    private static final int NAMED_IN_MESSAGE = 20;

    /**
     * One task that was not added.
     *
     * @param answered  whether the service answered for this task (refused it); false when its request failed
     *                  (connection refused, a timeout) or no result came back for it
     * @param retryable the service said it was busy (429, 5xx, or serverError for the task): sending it again later
     *                  may add it
     */
    public record Failure(String taskId, String code, String message, boolean answered, boolean retryable) {
        public Failure(String taskId, String code, String message) {
            this(taskId, code, message, true, false);
        }

        public Failure(String taskId, String code, String message, boolean answered) {
            this(taskId, code, message, answered, false);
        }

        @Override
        public String toString() {
            return taskId + " (" + code + ")";
        }
    }

    private final String jobId;
    private final transient List<Failure> failures;
    private final transient List<TaskAddResult> results;

    public AzureBatchAddTasksException(String jobId, int total, List<Failure> failures, List<TaskAddResult> results) {
        super(message(jobId, total, failures));
        this.jobId = jobId;
        this.failures = List.copyOf(failures);
        this.results = List.copyOf(results);
    }

    public String getJobId() {
        return jobId;
    }

    public List<Failure> getFailures() {
        return failures;
    }

    /** Every task failed only because the service was busy: the same add, tried again later, may succeed. */
    public boolean isRetryable() {
        return !failures.isEmpty() && failures.stream().allMatch(Failure::retryable);
    }

    /** The results of the tasks that got an answer, in the order of the input list. */
    public List<TaskAddResult> getResults() {
        return results;
    }

    private static String message(String jobId, int total, List<Failure> failures) {
        String named = failures.stream().limit(NAMED_IN_MESSAGE).map(Failure::toString).collect(Collectors.joining(", "));
        String more = failures.size() > NAMED_IN_MESSAGE ? ", and " + (failures.size() - NAMED_IN_MESSAGE) + " more" : "";
        return "addTasks to job " + jobId + ": " + failures.size() + " of " + total + " tasks were not added: " + named + more;
    }
}
