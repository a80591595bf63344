package io.batchroutes.app.batch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchroutes.app.worktype.Bundling;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the files gathered for one submission into tasks: a file goes alone while the pool has a free slot for it,
 * and the files beyond the free slots (they would wait anyway) share tasks, by work type and extension, up to the
 * type's {@code bundle.max-files} and {@code bundle.max-bytes}. A lone file is never held back to form a bundle: the
 * submit route waits for nothing more than it did. Each bundle's manifest is written before its task exists.
 * <p>
 * The free slots are an estimate from this daemon's own count (the pool's slots minus the files in flight other than
 * these): it decides only how work is packed, never whether a file is done.
 */
public final class TaskBundler {

    private static final Logger LOG = LoggerFactory.getLogger(TaskBundler.class);

    private final WorkTypes workTypes;
    private final TaskDefinitionFactory tasks;
    private final BundleManifests manifests;
    private final int poolSlots;
    private final LongSupplier filesInFlight;

    /**
     * @param poolSlots     task slots the pool offers (nodes × slots per node)
     * @param filesInFlight files received and not yet collected, these included
     */
    public TaskBundler(WorkTypes workTypes, TaskDefinitionFactory tasks, BundleManifests manifests, int poolSlots,
            LongSupplier filesInFlight) {
        this.workTypes = workTypes;
        this.tasks = tasks;
        this.manifests = manifests;
        this.poolSlots = Math.max(1, poolSlots);
        this.filesInFlight = filesInFlight;
    }

    public List<TaskAddParameter> tasksFor(@Body List<StagedFile> files) throws IOException {
        long others = Math.max(0, filesInFlight.getAsLong() - files.size());
        long free = Math.max(0, poolSlots - others);
        List<TaskAddParameter> submit = new ArrayList<>(files.size());
        Map<String, List<StagedFile>> waiting = new LinkedHashMap<>();
        Map<String, WorkType> typeOf = new LinkedHashMap<>();
        for (StagedFile file : files) {
            Optional<WorkType> type = workTypes.forFile(file.fileName()).filter(WorkType::bundles);
            if (free > 0 || type.isEmpty() || file.size() > type.get().bundle().maxBytes()) {
                submit.add(tasks.create(file));
                free--;
            } else {
                String group = type.get().name() + "\0" + WorkType.extension(file.fileName());
                waiting.computeIfAbsent(group, k -> new ArrayList<>()).add(file);
                typeOf.putIfAbsent(group, type.get());
            }
        }
        int bundled = 0;
        int bundles = 0;
        for (Map.Entry<String, List<StagedFile>> group : waiting.entrySet()) {
            WorkType type = typeOf.get(group.getKey());
            for (List<StagedFile> chunk : chunks(group.getValue(), type.bundle())) {
                if (chunk.size() == 1) {
                    submit.add(tasks.create(chunk.get(0)));
                    continue;
                }
                BundleManifests.Manifest manifest = new BundleManifests.Manifest(
                        TaskIdentity.bundleId(chunk.stream().map(StagedFile::taskId).toList()), type.name(), chunk);
                manifests.write(manifest);
                submit.add(tasks.createBundle(manifest));
                bundled += chunk.size();
                bundles++;
            }
        }
        if (bundles > 0) {
            LOG.info("Bundled {} waiting file(s) into {} task(s); {} go alone", bundled, bundles, files.size() - bundled);
        }
        return submit;
    }

    /** Consecutive runs of at most maxFiles files and maxBytes bytes, as even in count as those bounds allow. */
    static List<List<StagedFile>> chunks(List<StagedFile> group, Bundling bounds) {
        int count = (group.size() + bounds.maxFiles() - 1) / bounds.maxFiles();
        int perChunk = (group.size() + count - 1) / count;
        List<List<StagedFile>> chunks = new ArrayList<>();
        List<StagedFile> current = new ArrayList<>();
        long bytes = 0;
        for (StagedFile file : group) {
            if (!current.isEmpty() && (current.size() == perChunk || bytes + file.size() > bounds.maxBytes())) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(file);
            bytes += file.size();
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
