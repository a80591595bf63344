package io.batchroutes.emulator.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudJobSchedule;
import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The store written to {@code <dataDir>/state.json} as wire models, so an emulator restarted on the same data
 * directory finds its pools, jobs and tasks again. Written atomically (temp file + rename), only when it changed.
 */
public final class StateFile {
    /** Everything that is saved. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class State {
        public List<SavedPool> pools = new ArrayList<>();
        public List<SavedJob> jobs = new ArrayList<>();
        public List<SavedJobSchedule> jobSchedules = new ArrayList<>();
    }

    /** A job schedule, its job counter and its auto pool. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static final class SavedJobSchedule {
        public CloudJobSchedule schedule;
        public int jobsCreated;
        public String autoPoolId;
    }

    /** A pool, its nodes and its node counter. */
    public static final class SavedPool {
        public CloudPool pool;
        public int nodesCreated;
        public List<ComputeNode> nodes = new ArrayList<>();
    }

    /** A job and its tasks in the order they were added. */
    public static final class SavedJob {
        public CloudJob job;
        public List<SavedTask> tasks = new ArrayList<>();
    }

    /** A task and whether its dependants may run. */
    public static final class SavedTask {
        public CloudTask task;
        public boolean dependencySatisfied;
    }

    private final Path file;
    private byte[] lastWritten = new byte[0];

    public StateFile(Path file) {
        this.file = file;
    }

    /** The saved state, or null when there is none. */
    public State read() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        return Json.MAPPER.readValue(file.toFile(), State.class);
    }

    /** Writes a consistent-per-record snapshot of the store if it differs from the last one written. */
    public synchronized void write(BatchStore store) throws IOException {
        State state = new State();
        for (PoolRecord r : store.pools()) {
            state.pools.add(r.locked(() -> {
                SavedPool p = new SavedPool();
                p.pool = Json.copy(r.pool, CloudPool.class);
                p.nodesCreated = r.nodesCreated;
                r.nodes.values().forEach(n -> p.nodes.add(Json.copy(n.node, ComputeNode.class)));
                return p;
            }));
        }
        for (JobRecord r : store.jobs()) {
            state.jobs.add(r.locked(() -> {
                SavedJob j = new SavedJob();
                j.job = Json.copy(r.job, CloudJob.class);
                r.tasks.values().forEach(t -> {
                    SavedTask s = new SavedTask();
                    s.task = Json.copy(t.task, CloudTask.class);
                    s.dependencySatisfied = t.dependencySatisfied;
                    j.tasks.add(s);
                });
                return j;
            }));
        }
        for (JobScheduleRecord r : store.jobSchedules()) {
            state.jobSchedules.add(r.locked(() -> {
                SavedJobSchedule s = new SavedJobSchedule();
                s.schedule = Json.copy(r.schedule, CloudJobSchedule.class);
                s.jobsCreated = r.jobsCreated;
                s.autoPoolId = r.autoPoolId;
                return s;
            }));
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(state);
        if (Arrays.equals(bytes, lastWritten)) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        // 0600 from its creation: the state holds SAS URLs (resource and output file URLs of every task).
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        lastWritten = bytes;
    }
}
