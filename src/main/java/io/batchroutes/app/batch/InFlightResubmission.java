package io.batchroutes.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.observe.PipelineMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-attaches after a crash (at start, before the monitor runs). A file in {@code processing/} was staged (the move happens after the upload) and its
 * task queued; whether Batch got the task is unknown. Submitting it again is safe: the task id comes from the file
 * itself, so a task Batch has is answered {@code TaskExists} (adopted, running or finished), and a lost one is
 * created now. The monitor, started after this, then collects each exactly once.
 */
public final class InFlightResubmission {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightResubmission.class);

    private final InputFolder inputs;
    private final TaskDefinitionFactory tasks;
    private final BundleManifests bundles;
    private final PendingTasks pending;
    private final PipelineMetrics metrics;

    public InFlightResubmission(InputFolder inputs, TaskDefinitionFactory tasks, BundleManifests bundles,
            PendingTasks pending, PipelineMetrics metrics) {
        this.inputs = inputs;
        this.tasks = tasks;
        this.bundles = bundles;
        this.pending = pending;
        this.metrics = metrics;
    }

    /**
     * The tasks to submit again: each bundle that still has a file in flight, rebuilt from its manifest (same id, so
     * it is adopted), and a single task for every other file in {@code processing/}. A manifest none of whose files
     * is in flight any more is deleted.
     */
    public List<TaskAddParameter> inFlightTasks() throws IOException {
        List<TaskAddParameter> resubmit = new ArrayList<>();
        Set<String> bundled = new HashSet<>();
        int bundledFiles = 0;
        for (BundleManifests.Manifest manifest : bundles.all()) {
            List<StagedFile> inFlight = manifest.members().stream()
                    .filter(m -> pending.isPending(m.taskId(), m.fileName())).toList();
            if (inFlight.isEmpty()) {
                bundles.delete(manifest.bundleId());
                continue;
            }
            inFlight.forEach(m -> bundled.add(m.fileName()));
            bundledFiles += inFlight.size();
            resubmit.add(tasks.createBundle(manifest));
        }
        int files = bundledFiles;
        for (Path file : inputs.inFlight()) {
            String name = file.getFileName().toString();
            if (bundled.contains(name)) {
                continue;
            }
            String taskId = TaskIdentity.taskId(name, Files.size(file), Files.getLastModifiedTime(file).toMillis());
            resubmit.add(tasks.create(taskId, name));
            files++;
        }
        metrics.reattached(files);
        if (!resubmit.isEmpty()) {
            LOG.info("Re-attaching {} file(s) that were in flight when the daemon last stopped ({} in bundles)", files,
                    bundledFiles);
        }
        return resubmit;
    }
}
