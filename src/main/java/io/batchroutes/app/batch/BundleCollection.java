package io.batchroutes.app.batch;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collect route's view of a finished bundle task: which of its files are still to be collected (each then goes
 * through the same steps as a task of its own), when the bundle is done with (its manifest deleted; the monitor then
 * deletes the task), and, for a bundle that failed as a whole, the single tasks its files are run again in, so that
 * one file that broke the bundle fails alone. A bundle whose archive ({@link BundleArchives}) is missing or unusable
 * takes that second way too.
 */
public final class BundleCollection {

    private static final Logger LOG = LoggerFactory.getLogger(BundleCollection.class);

    private final BundleManifests manifests;
    private final PendingTasks pending;
    private final TaskDefinitionFactory tasks;
    private final BundleArchives archives;

    public BundleCollection(BundleManifests manifests, PendingTasks pending, TaskDefinitionFactory tasks,
            BundleArchives archives) {
        this.manifests = manifests;
        this.pending = pending;
        this.tasks = tasks;
        this.archives = archives;
    }

    /** Whether a task read back from Batch is one of this daemon's bundles (by the shape of its id). */
    public boolean isBundle(@Header(AzureBatchConstants.TASK_ID) String taskId) {
        return BundleManifests.isBundleId(taskId);
    }

    /** The bundle's files, in folder order (none once its manifest is gone: all were collected). */
    public List<StagedFile> members(@Header(AzureBatchConstants.TASK_ID) String bundleId) throws IOException {
        Optional<BundleManifests.Manifest> manifest = manifests.read(bundleId);
        if (manifest.isEmpty()) {
            LOG.debug("Bundle {} has no manifest: all its files were collected before", bundleId);
            return List.of();
        }
        return manifest.get().members();
    }

    /**
     * For the collect-bundle route's split: the member as the task it stands for, with the id and display name a
     * task of its own would have had (headers {@code CamelAzureBatchTaskId}, {@code CamelAzureBatchTaskDisplayName}).
     */
    public void nameMember(@Body StagedFile member, @Headers Map<String, Object> headers) {
        headers.put(AzureBatchConstants.TASK_ID, member.taskId());
        headers.put(AzureBatchConstants.TASK_DISPLAY_NAME, member.fileName());
    }

    /** The bundle's files still in {@code processing/}. */
    private List<StagedFile> pendingMembers(String bundleId) throws IOException {
        return members(bundleId).stream().filter(m -> pending.isPending(m.taskId(), m.fileName())).toList();
    }

    /**
     * After its files were collected: with none left in flight, the manifest goes (and the monitor deletes the task);
     * with one whose collection gave up, the task is kept for the re-scan ({@code CamelAzureBatchKeepTask}).
     */
    public void collected(@Header(AzureBatchConstants.TASK_ID) String bundleId, Exchange exchange) throws IOException {
        archives.release(bundleId);
        if (pendingMembers(bundleId).isEmpty()) {
            manifests.delete(bundleId);
        } else {
            exchange.getMessage().setHeader(AzureBatchConstants.KEEP_TASK, true);
        }
    }

    /**
     * A bundle that failed as a whole (the command exited non-zero, timed out, was terminated): its files still in
     * flight become single tasks, with the ids they would have had on their own (a resubmission after a crash is
     * adopted). The manifest is deleted only after they were submitted ({@link #splitSubmitted}).
     */
    public List<TaskAddParameter> singles(@Header(AzureBatchConstants.TASK_ID) String bundleId,
            @Header(AzureBatchConstants.EXIT_CODE) Integer exitCode,
            @Header(AzureBatchConstants.FAILURE_CODE) String failureCode) throws IOException {
        List<StagedFile> members = pendingMembers(bundleId);
        if (!members.isEmpty()) {
            LOG.warn("Bundle {} failed as a whole (exit code {}, {}): its {} file(s) run again one by one", bundleId,
                    exitCode, failureCode == null ? "no failure code" : failureCode, members.size());
        }
        return members.stream().map(tasks::create).toList();
    }

    public void splitSubmitted(@Header(AzureBatchConstants.TASK_ID) String bundleId) throws IOException {
        archives.release(bundleId);
        manifests.delete(bundleId);
    }
}
