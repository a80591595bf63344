package io.batchroutes.app.outcome;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Why a file failed, as written to {@code failed/<name>.reason.txt}: every kind of failure is built here, so all
 * reason files read alike (what happened, {@code task:}, then the details).
 *
 * @param text the reason file's content
 */
public record FailureReason(String text) {

    /** How much of a failed task's stderr a reason keeps: its end, where the error usually is. */
    static final int STDERR_TAIL_BYTES = 4096;

    public FailureReason {
        text = text.endsWith("\n") ? text : text + "\n";
    }

    /** A task that ran and failed: exit code, Batch's failure code and message, the end of its stderr. */
    public static FailureReason taskFailed(String taskId, Integer exitCode, String failureCode, String failureMessage,
            byte[] stderr) {
        StringBuilder reason = new StringBuilder("The task failed.\n");
        reason.append("task: ").append(taskId).append('\n');
        reason.append("exit code: ").append(exitCode == null ? "none (the program did not run to its end)" : exitCode).append('\n');
        if (failureCode != null) {
            reason.append("failure: ").append(failureCode);
            if (failureMessage != null) {
                reason.append(" - ").append(failureMessage);
            }
            reason.append('\n');
        }
        if (stderr != null && stderr.length > 0) {
            int from = Math.max(0, stderr.length - STDERR_TAIL_BYTES);
            reason.append("end of stderr:\n").append(new String(stderr, from, stderr.length - from, StandardCharsets.UTF_8));
        }
        return new FailureReason(reason.toString());
    }

    /**
     * A file of a bundle that the bundle's command could not do: its own {@code reason.txt} (its start), or, without
     * one, that it left neither its outputs nor a reason.
     */
    public static FailureReason bundleMemberFailed(String taskId, String bundleId, List<String> expectedOutputs, byte[] reason) {
        StringBuilder text = new StringBuilder("The file failed in its bundle.\n");
        text.append("task: ").append(taskId).append(" (run in bundle ").append(bundleId).append(")\n");
        if (reason != null && reason.length > 0) {
            int length = Math.min(reason.length, STDERR_TAIL_BYTES);
            text.append("reason: ").append(new String(reason, 0, length, StandardCharsets.UTF_8));
        } else {
            text.append("reason: the bundle command left neither a result (expected ").append(expectedOutputs)
                    .append(") nor a reason.txt for it\n");
        }
        return new FailureReason(text.toString());
    }

    /** A task that succeeded without uploading any of its outputs. */
    public static FailureReason noResult(List<String> expectedOutputs) {
        return new FailureReason("The task succeeded but uploaded no result (expected " + expectedOutputs + ").");
    }

    /** A task that can never run: its pool's start task failed on every node. */
    public static FailureReason stranded(String poolFailure, String taskId) {
        return new FailureReason(poolFailure + "\ntask: " + taskId + " (never ran)");
    }

    /** A file that could not be named, staged or queued (its task id is null when naming failed). */
    public static FailureReason notSubmitted(String taskId, Throwable cause) {
        String step = taskId == null ? "naming" : "staging or submission";
        return new FailureReason("The file could not be submitted (" + step + " failed).\n"
                + "task: " + (taskId == null ? "none" : taskId) + "\n"
                + "error: " + error(cause) + "\n");
    }

    /** A task Batch refused in an addtaskcollection call, with Batch's own error. */
    public static FailureReason refused(String taskId, String code, String message) {
        return new FailureReason("Batch refused the task.\ntask: " + taskId + "\nerror: " + code + " - " + message + "\n");
    }

    /** A task that succeeded, but its input could not be moved to {@code done/} (a link there). */
    public static FailureReason notMoved(Throwable cause) {
        return new FailureReason("The task succeeded, but the input could not be moved to done/.\nerror: " + error(cause) + "\n");
    }

    /** A task whose submission call kept failing. */
    public static FailureReason notAccepted(String taskId, Throwable cause) {
        return notAnswered(taskId, error(cause));
    }

    /** A task whose submission call kept failing, with what went wrong (never answered by Batch: no refusal). */
    public static FailureReason notAnswered(String taskId, String error) {
        return new FailureReason("The task could not be submitted.\ntask: " + taskId + "\nerror: " + error + "\n");
    }

    /** This reason, after what is wrong with the pool (when a task failed while the pool was unusable). */
    public FailureReason afterPoolFailure(String poolFailure) {
        return poolFailure == null ? this : new FailureReason(poolFailure + "\n\n" + text);
    }

    /** The first line, for the log. */
    public String summary() {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The {@code error:} line's value, if there is one, else the first line (for the log). */
    public String error() {
        return text.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(summary());
    }

    private static String error(Throwable cause) {
        return cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
