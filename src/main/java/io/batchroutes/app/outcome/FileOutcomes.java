package io.batchroutes.app.outcome;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.folder.RepeatedDrops;
import io.batchroutes.app.folder.StateFolders;
import io.batchroutes.app.observe.PipelineMetrics;
import io.batchroutes.app.pool.PoolHealth;
import io.batchroutes.app.staging.ResultFile;
import io.batchroutes.app.staging.StagingArea;
import io.batchroutes.app.worktype.Bundling;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a dropped file's outcome is decided: it alone moves inputs into {@code done/} or {@code failed/},
 * writes the reason files (from {@link FailureReason}), counts succeeded and failed files and deletes what a finished
 * task staged. Collecting is idempotent: a task seen again after a restart whose file left {@code processing/} was
 * already collected ({@code batch.PendingTasks}).
 * <p>
 * Reason files are written under a temporary name in {@code failed/} and renamed into place, so they are never seen
 * half-written; they are created with the process umask (0644 under umask 022), like the results.
 */
public final class FileOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(FileOutcomes.class);

    private final InputFolder inputs;
    private final StagingArea staging;
    private final WorkTypes workTypes;
    private final PoolHealth poolHealth;
    private final PipelineMetrics metrics;

    public FileOutcomes(InputFolder inputs, StagingArea staging, WorkTypes workTypes, PoolHealth poolHealth,
            PipelineMetrics metrics) {
        this.inputs = inputs;
        this.staging = staging;
        this.workTypes = workTypes;
        this.poolHealth = poolHealth;
        this.metrics = metrics;
    }

    /**
     * A task that succeeded, its results already in the output folder (the collect route wrote them): the input
     * moves to {@code done/}. A task that uploaded none of its results fails instead.
     *
     * @param written the results the route wrote (a {@link ResultFile} each)
     */
    public void succeeded(@Header(AzureBatchConstants.TASK_ID) String taskId,
            @Header(AzureBatchConstants.TASK_DISPLAY_NAME) String originalName,
            @Header(AzureBatchConstants.TASK_START_TIME) Instant started,
            @Header(AzureBatchConstants.TASK_END_TIME) Instant ended, @Body List<?> written) throws IOException {
        List<String> resultBlobs = written == null ? List.of()
                : written.stream().filter(ResultFile.class::isInstance).map(r -> ((ResultFile) r).blobName()).toList();
        if (resultBlobs.isEmpty()) {
            List<String> expected = workTypes.forFile(originalName).map(WorkType::outputs).orElse(List.of());
            failed(taskId, originalName, FailureReason.noResult(expected));
            return;
        }
        Duration dropToResult = sinceDropped(originalName);
        try {
            move(inputs.processing(originalName), InputFolder.DONE, originalName);
        } catch (StateFolders.LinkedFolderException e) {
            failed(taskId, originalName, FailureReason.notMoved(e));
            return;
        }
        staging.deleteStaged(taskId, WorkType.extension(originalName), resultBlobs);
        metrics.succeeded(started != null && ended != null ? Duration.between(started, ended) : null, dropToResult);
    }

    /** A task that completed with failure; the body is the end of its stderr, if it could be read. */
    public void taskFailed(@Header(AzureBatchConstants.TASK_ID) String taskId,
            @Header(AzureBatchConstants.TASK_DISPLAY_NAME) String originalName,
            @Header(AzureBatchConstants.EXIT_CODE) Integer exitCode,
            @Header(AzureBatchConstants.FAILURE_CODE) String failureCode,
            @Header(AzureBatchConstants.FAILURE_MESSAGE) String failureMessage, @Body byte[] stderr) throws IOException {
        failed(taskId, originalName, FailureReason.taskFailed(taskId, exitCode, failureCode, failureMessage, stderr)
                .afterPoolFailure(poolHealth.startTaskFailure()));
    }

    /**
     * A file of a bundle that left none of its results: failed with the {@code reason.txt} the bundle command wrote
     * for it (the body, if there is one).
     */
    public void bundleMemberFailed(@Header(AzureBatchConstants.TASK_ID) String taskId,
            @Header(AzureBatchConstants.TASK_DISPLAY_NAME) String originalName,
            @Header(Bundling.BUNDLE_ID_HEADER) String bundleId, @Body byte[] reason) throws IOException {
        List<String> expected = workTypes.forFile(originalName).map(WorkType::outputs).orElse(List.of());
        failed(taskId, originalName, FailureReason.bundleMemberFailed(taskId, bundleId, expected, reason));
    }

    /** A task that can never run because its pool is unusable (the route checked it is still staged). */
    public void stranded(@Header(AzureBatchConstants.TASK_ID) String taskId,
            @Header(AzureBatchConstants.TASK_DISPLAY_NAME) String originalName) throws IOException {
        failed(taskId, originalName, FailureReason.stranded(poolHealth.startTaskFailure(), taskId));
    }

    /** Fails a file in flight (in {@code processing/}, its task submitted or refused) and deletes what it staged. */
    public void failed(String taskId, String originalName, FailureReason reason) throws IOException {
        Duration dropToReason = sinceDropped(originalName);
        if (!moveFailed(inputs.processing(originalName), originalName, reason)) {
            return;
        }
        metrics.failed(dropToReason);
        staging.deleteStaged(taskId, WorkType.extension(originalName));
        LOG.warn("Failed {} (task {}): {}", originalName, taskId, reason.summary());
    }

    /**
     * Fails a file that never became a task (naming, staging or claiming failed), wherever it is: still in the input
     * folder, or already claimed.
     */
    public void notSubmitted(String name, FailureReason reason) throws IOException {
        Path dropped = inputs.dropped(name);
        if (!moveFailed(Files.exists(dropped, LinkOption.NOFOLLOW_LINKS) ? dropped : inputs.processing(name), name, reason)) {
            return;
        }
        metrics.failed(null);
        LOG.warn("Failed {}: {}", name, reason.error());
    }

    /**
     * Not an outcome: the file is someone else's now (another daemon claimed it, the user took it back). Counted out
     * of flight if it was counted in (it has a task id).
     */
    /** A file whose staging or claim failed (its task id, if it had one by then) takes no staging place any more. */
    public void notStaged(String taskId) {
        staging.notStaged(taskId);
    }

    public void letGo(String name, String taskId, String why) {
        if (taskId != null) {
            metrics.abandoned();
        }
        LOG.info("Skipped {}: {}", name, why);
    }

    /** A file processed before, dropped again unchanged: it goes straight back to its earlier outcome. */
    public void repeated(@Header(Exchange.FILE_NAME_ONLY) String name,
            @Header(RepeatedDrops.EARLIER_OUTCOME_HEADER) String earlierOutcome) throws IOException {
        LOG.info("{} was already processed ({}): not run again; change or touch the file to run it again", name, earlierOutcome);
        move(inputs.dropped(name), earlierOutcome, name);
    }

    private void move(Path source, String state, String name) throws IOException {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            LOG.debug("{} is no longer in {} (already moved)", name, source.getParent());
            return;
        }
        Path dir = StateFolders.directory(inputs.state(state));
        String target = StateFolders.freeName(dir, name);
        StateFolders.moveWithoutReplacing(source, dir, target);
        renamedBecauseTaken(state, name, target);
    }

    /**
     * Into {@code failed/} with its reason beside it (written first, so the file never appears without one), under a
     * name that neither a file nor a reason has there yet. False when the file is no longer there (its outcome was
     * decided before): nothing is written.
     */
    private boolean moveFailed(Path source, String name, FailureReason reason) throws IOException {
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            // Its outcome was decided already (a redelivery of this step, a second collection): one reason only.
            LOG.debug("{} is no longer in {}: not failed a second time", name, source.getParent());
            return false;
        }
        Path dir = StateFolders.directory(inputs.state(InputFolder.FAILED));
        String target = name;
        for (int n = 1; Files.exists(dir.resolve(target), LinkOption.NOFOLLOW_LINKS)
                || Files.exists(inputs.reasonFile(target), LinkOption.NOFOLLOW_LINKS); n++) {
            target = StateFolders.numbered(name, n);
        }
        writeReason(target, reason);
        StateFolders.moveWithoutReplacing(source, dir, target);
        renamedBecauseTaken(InputFolder.FAILED, name, target);
        return true;
    }

    private static void renamedBecauseTaken(String state, String name, String target) {
        if (!target.equals(name)) {
            LOG.warn("{}/{} exists already: this {} is kept as {}/{} (nothing is replaced)", state, name, name, state, target);
        }
    }

    /**
     * Writes {@code failed/<name>.reason.txt} atomically. Not {@code Files.createTempFile}: it creates files 0600
     * whatever the umask, and a reader of {@code failed/} (another user, a web server) could not open them.
     */
    private void writeReason(String name, FailureReason reason) throws IOException {
        Path dir = StateFolders.directory(inputs.state(InputFolder.FAILED));
        Path partial = dir.resolve(".reason-" + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(reason.text().getBytes(StandardCharsets.UTF_8));
            }
            // A name moveFailed found free: nothing is replaced.
            Files.move(partial, inputs.reasonFile(name), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
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
}
