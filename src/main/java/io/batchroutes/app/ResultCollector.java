package io.batchroutes.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a finished task home. Success: its results are downloaded into the output folder under the work type's
 * names, the input moves to {@code done/}. Failure: a reason file explains it, the input moves to {@code failed/}.
 * Either way the task's staged blobs are deleted afterwards, which is also what makes collecting idempotent: a
 * task seen again after a restart whose input blob is gone was already collected.
 */
public final class ResultCollector {

    static final String TASK_ID = "CamelAzureBatchTaskId";
    static final String DISPLAY_NAME = "CamelAzureBatchTaskDisplayName";
    private static final Logger LOG = LoggerFactory.getLogger(ResultCollector.class);

    private final WorkTypes workTypes;
    private final StagingArea staging;
    private final InputFolder inputs;
    private final Path outputDir;
    private final PoolHealth poolHealth;
    private final PipelineMetrics metrics;

    public ResultCollector(WorkTypes workTypes, StagingArea staging, InputFolder inputs, Path outputDir, PoolHealth poolHealth,
            PipelineMetrics metrics) {
        this.metrics = metrics;
        this.workTypes = workTypes;
        this.staging = staging;
        this.inputs = inputs;
        this.outputDir = outputDir;
        this.poolHealth = poolHealth;
    }

    /**
     * True if the task was not collected before: it still has staged data, or its input is still in
     * {@code processing/} as the very file the task was made for (same name, size and time: {@link TaskIdentity}).
     * The second holds when storage lost the staged blob (Azurite killed before it saved its index).
     */
    public boolean isPending(@Header(TASK_ID) String taskId, @Header(DISPLAY_NAME) String originalName) throws IOException {
        if (!ReadBackNames.isPlain(originalName)) {
            LOG.warn("Task {} has a display name that is no file name of ours ('{}'); it is not collected", taskId, originalName);
            return false;
        }
        return staging.inputExists(taskId, WorkType.extension(originalName)) || stillInProcessing(taskId, originalName);
    }

    private boolean stillInProcessing(String taskId, String originalName) throws IOException {
        Path file = ReadBackNames.inside(inputs.root().resolve(InputFolder.PROCESSING), "task display name", originalName);
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        return taskId.equals(TaskIdentity.taskId(originalName, Files.size(file), Files.getLastModifiedTime(file).toMillis()));
    }

    /** Collects a task that completed with success; returns the result files written to the output folder. */
    public List<File> collectSuccess(@Header(TASK_ID) String taskId, @Header(DISPLAY_NAME) String originalName,
            @Header("CamelAzureBatchTaskStartTime") Instant started, @Header("CamelAzureBatchTaskEndTime") Instant ended)
            throws IOException {
        WorkType type = workTypes.forFile(originalName)
                .orElseThrow(() -> new IllegalStateException("No work type takes " + originalName));
        Files.createDirectories(outputDir);
        List<File> written = new ArrayList<>();
        List<String> collected = new ArrayList<>();
        for (String blobName : staging.resultBlobNames(taskId, type)) {
            String nodeName = blobName.substring(blobName.lastIndexOf('/') + 1);
            Path target = outputDir.resolve(type.localOutputName(originalName, nodeName)).normalize();
            if (!target.getParent().equals(outputDir.normalize())) {
                throw new IllegalStateException("Result name escapes the output folder: " + target);
            }
            Path partial = Files.createTempFile(outputDir, ".incoming-", ".part");
            try {
                if (!staging.download(blobName, partial)) {
                    continue;
                }
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            LOG.info("Result {} for {} (task {})", target.getFileName(), originalName, taskId);
            written.add(target.toFile());
            collected.add(blobName);
        }
        if (written.isEmpty()) {
            collectFailure(taskId, originalName, "The task succeeded but uploaded no result (expected " + type.outputs() + ").");
            return List.of();
        }
        Duration dropToResult = sinceDropped(originalName);
        inputs.markDone(originalName);
        staging.deleteStaged(taskId, WorkType.extension(originalName), collected);
        metrics.succeeded(started != null && ended != null ? Duration.between(started, ended) : null, dropToResult);
        return written;
    }

    /** Collects a task that completed with failure; the body is the end of its stderr, if it could be read. */
    public void collectFailure(@Header(TASK_ID) String taskId, @Header(DISPLAY_NAME) String originalName,
            @Header("CamelAzureBatchExitCode") Integer exitCode, @Header("CamelAzureBatchFailureCode") String failureCode,
            @Header("CamelAzureBatchFailureMessage") String failureMessage, @Body byte[] stderr) throws IOException {
        String reason = failureReason(taskId, exitCode, failureCode, failureMessage, stderr);
        String poolFailure = poolHealth.startTaskFailure();
        collectFailure(taskId, originalName, poolFailure == null ? reason : poolFailure + "\n\n" + reason);
    }

    /** Fails a task that can never run because its pool is unusable. */
    public void collectStranded(@Header(TASK_ID) String taskId, @Header(DISPLAY_NAME) String originalName) throws IOException {
        if (isPending(taskId, originalName)) {
            collectFailure(taskId, originalName, poolHealth.startTaskFailure() + "\ntask: " + taskId + " (never ran)");
        }
    }

    public void collectFailure(String taskId, String originalName, String reason) throws IOException {
        Duration dropToReason = sinceDropped(originalName);
        inputs.markFailed(originalName, reason);
        metrics.failed(dropToReason);
        staging.deleteStaged(taskId, WorkType.extension(originalName));
        LOG.warn("Failed {} (task {}): {}", originalName, taskId, firstLine(reason));
    }

    /** Builds the reason text of a failed task from what Batch reported and the end of its stderr. */
    public static String failureReason(String taskId, Integer exitCode, String failureCode, String failureMessage,
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
            int from = Math.max(0, stderr.length - 4096);
            reason.append("end of stderr:\n").append(new String(stderr, from, stderr.length - from, StandardCharsets.UTF_8));
        }
        return reason.toString();
    }

    /** Time since the in-flight input last changed (the move to processing/ keeps its modification time). */
    private Duration sinceDropped(String originalName) {
        try {
            Path file = inputs.processing(originalName);
            return Files.exists(file) ? Duration.between(Files.getLastModifiedTime(file).toInstant(), Instant.now()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
