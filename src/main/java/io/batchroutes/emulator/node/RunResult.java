package io.batchroutes.emulator.node;

import io.batchroutes.emulator.model.TaskFailureInformation;
import java.time.Instant;

/**
 * How an attempt ended.
 *
 * @param exitCode    null when no process ran
 * @param failureInfo null on success
 * @param phase       where it failed, null on success
 */
public record RunResult(Instant startTime, Instant endTime, Integer exitCode, TaskFailureInformation failureInfo,
        Phase phase) {

    /** Where an attempt failed; exit conditions map these to {@code preProcessingError}, exit codes and {@code fileUploadError}. */
    public enum Phase { PREPROCESSING, PROCESS, UPLOAD }

    public boolean succeeded() {
        return failureInfo == null;
    }

    public String result() {
        return succeeded() ? "success" : "failure";
    }
}
