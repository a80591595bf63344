package io.batchroutes.emulator.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudJobSchedule;
import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /**
     * Writes a consistent-per-record snapshot of the store if it differs from the last one written. Each record is
     * serialized straight into the output while its lock is held (one pass: a copy of every task first, then a
     * second serialization of the copies, took most of the emulator's CPU while thousands of tasks were in flight).
     */
    public synchronized void write(BatchStore store) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.max(1024, lastWritten.length + 1024));
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(buffer)) {
            out.writeStartObject();
            out.writeArrayFieldStart("pools");
            for (PoolRecord r : store.pools()) {
                r.locked(() -> unchecked(() -> {
                    out.writeStartObject();
                    out.writeFieldName("pool");
                    Json.MAPPER.writeValue(out, r.pool);
                    out.writeNumberField("nodesCreated", r.nodesCreated);
                    out.writeArrayFieldStart("nodes");
                    for (NodeRecord n : r.nodes.values()) {
                        Json.MAPPER.writeValue(out, n.node);
                    }
                    out.writeEndArray();
                    out.writeEndObject();
                }));
            }
            out.writeEndArray();
            out.writeArrayFieldStart("jobs");
            for (JobRecord r : store.jobs()) {
                r.locked(() -> unchecked(() -> {
                    out.writeStartObject();
                    out.writeFieldName("job");
                    Json.MAPPER.writeValue(out, r.job);
                    out.writeArrayFieldStart("tasks");
                    for (TaskRecord t : r.tasks.values()) {
                        out.writeStartObject();
                        out.writeFieldName("task");
                        Json.MAPPER.writeValue(out, t.task);
                        out.writeBooleanField("dependencySatisfied", t.dependencySatisfied);
                        out.writeEndObject();
                    }
                    out.writeEndArray();
                    out.writeEndObject();
                }));
            }
            out.writeEndArray();
            out.writeArrayFieldStart("jobSchedules");
            for (JobScheduleRecord r : store.jobSchedules()) {
                r.locked(() -> unchecked(() -> {
                    out.writeStartObject();
                    out.writeFieldName("schedule");
                    Json.MAPPER.writeValue(out, r.schedule);
                    out.writeNumberField("jobsCreated", r.jobsCreated);
                    if (r.autoPoolId != null) {
                        out.writeStringField("autoPoolId", r.autoPoolId);
                    }
                    out.writeEndObject();
                }));
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        byte[] bytes = buffer.toByteArray();
        if (Arrays.equals(bytes, lastWritten)) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        lastWritten = bytes;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static Object unchecked(IoAction action) {
        try {
            action.run();
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
