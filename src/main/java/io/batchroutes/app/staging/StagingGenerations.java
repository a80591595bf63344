package io.batchroutes.app.staging;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which pair of staging containers holds a file's blobs. Files are staged in generations: a generation is an input
 * and a results container ({@code <input-container>-g<id>}, {@code <output-container>-g<id>}) that takes up to
 * {@code filesPerGeneration} files and is deleted, in two requests, once every file staged in it has its outcome
 * (within a second, on the housekeeping thread).
 * That replaces two blob deletions per file, which storage charges like any other request (in Azurite a deletion
 * also grows with the blobs it holds). A generation closes when it is full or when its files are all done and no
 * file came for {@code idle}; then the next file opens a new one.
 * <p>
 * Bounded: a closed generation still waiting for some files after {@code linger} (a long task among short ones)
 * falls back to deleting each done file's blobs, so it holds the blobs of its files in flight only, and its
 * containers go with its last file. Files staged by an earlier version (the containers without a suffix, "legacy")
 * are always deleted blob by blob.
 * <p>
 * A spare generation is created ahead (at start and after each one opens, on the housekeeping thread), so a file
 * never waits for a container to be made, and the containers a file goes to are seconds old: Azurite, killed, loses
 * what it did in its last 5 s, containers included.
 * <p>
 * Restart: the containers are the record. At start, {@link #recover} lists the generations' input containers; each
 * file in flight belongs to the generation that holds its input, every generation holding none of them is deleted,
 * and the new files go to a new one. Generation ids are the creation time (base 36 milliseconds, kept increasing),
 * so a name is never used twice (real storage refuses, for a while, a container name just deleted).
 */
public final class StagingGenerations {

    private static final Logger LOG = LoggerFactory.getLogger(StagingGenerations.class);

    /** The generation of files staged before generations existed: the containers without a suffix. */
    public static final String LEGACY = "";
    static final String SUFFIX = "-g";
    /** The longest generation id read back as ours (base-36 milliseconds take 8 characters until 2059). */
    static final int MAX_ID_LENGTH = 12;

    /** What storage does for the generations (implemented by {@link StagingArea}). */
    interface Storage {
        /** Creates both containers of a generation (an existing one is fine). */
        void create(String generation);

        /** Deletes both containers of a generation with everything in them (a missing one is fine). */
        void delete(String generation);

        /** Deletes one file's blobs in a generation (queued); {@code resultBlobs} null: they are to be listed. */
        void deleteBlobs(String generation, String taskId, String extension, List<String> resultBlobs);

        /** Every generation found in storage (without {@link #LEGACY}), with the ids of the tasks it holds inputs of. */
        Map<String, Set<String>> list();

        /** The ids of the tasks whose input is in the legacy input container. */
        Set<String> listLegacy();
    }

    private record Settled(String taskId, String extension, List<String> resultBlobs) {
    }

    private static final class Generation {
        final String id;
        final Set<String> pending = new HashSet<>();
        /** Done files whose blobs wait for the containers' deletion (empty once draining). */
        final List<Settled> done = new ArrayList<>();
        int staged;
        boolean open = true;
        boolean draining;
        long lastAssignMillis;
        long closedMillis;

        Generation(String id, long now) {
            this.id = id;
            this.lastAssignMillis = now;
        }
    }

    private final Storage storage;
    private final int filesPerGeneration;
    private final Duration idle;
    private final Duration linger;
    private final Clock clock;
    private final Map<String, Generation> generations = new LinkedHashMap<>();
    private final Map<String, Generation> byTask = new HashMap<>();
    /** Generations to delete at the next {@link #tick} (done, or their deletion failed: storage away). */
    private final Set<String> toDelete = new HashSet<>();
    private Generation current;
    /** A generation created in storage ahead of use, so that opening one costs the ingest path no request. */
    private String spare;
    private long lastIdMillis;

    StagingGenerations(Storage storage, int filesPerGeneration, Duration idle, Duration linger, Clock clock) {
        if (filesPerGeneration < 1) {
            throw new IllegalArgumentException("files per generation must be at least 1");
        }
        this.storage = storage;
        this.filesPerGeneration = filesPerGeneration;
        this.idle = idle;
        this.linger = linger;
        this.clock = clock;
    }

    /** The container name of {@code generation} for the container configured as {@code base}. */
    public static String containerName(String base, String generation) {
        return generation.isEmpty() ? base : base + SUFFIX + generation;
    }

    /** The generation of a container name of {@code base}, or null if it is none of its generations. */
    static String generationOf(String base, String containerName) {
        String prefix = base + SUFFIX;
        if (!containerName.startsWith(prefix)) {
            return null;
        }
        String id = containerName.substring(prefix.length());
        return !id.isEmpty() && id.length() <= MAX_ID_LENGTH && id.chars().allMatch(c -> c >= '0' && c <= '9' || c >= 'a' && c <= 'z')
                ? id : null;
    }

    /**
     * The generation a file is staged in (before its upload), opening a new one when there is none open or it is
     * full. The same task asked again gets the same answer.
     */
    public synchronized String assign(String taskId) {
        Generation known = byTask.get(taskId);
        if (known != null) {
            return known.id;
        }
        long now = clock.millis();
        if (current == null || !current.open || current.staged >= filesPerGeneration) {
            if (current != null && current.open) {
                close(current, now);
            }
            String id = spare;
            spare = null;
            if (id == null) {
                id = nextId(now);
                storage.create(id); // throws if storage is away: the ingest route tries the file again
            }
            Generation next = new Generation(id, now);
            generations.put(next.id, next);
            current = next;
            LOG.debug("Staging generation {} opened", next.id);
        }
        current.staged++;
        current.pending.add(taskId);
        current.lastAssignMillis = now;
        byTask.put(taskId, current);
        return current.id;
    }

    /**
     * Storage answered that a generation's container does not exist (Azurite, killed, loses what it did in its last
     * seconds): the generation takes no more files, and the file being staged moves to a new one. Its other files
     * end as their tasks find their blobs missing. Returns the file's new generation.
     */
    public synchronized String lost(String taskId, String generation) {
        Generation g = generations.get(generation);
        if (g != null && g.open) {
            LOG.warn("Staging generation {} is gone from storage: new files go to a new one", generation);
            close(g, clock.millis());
        }
        if (g != null && byTask.get(taskId) == g) {
            leave(taskId);
        }
        return assign(taskId);
    }

    /** The generation holding a task's blobs; {@link #LEGACY} for a task this daemon did not stage or recover. */
    public synchronized String generationOf(String taskId) {
        Generation g = byTask.get(taskId);
        return g == null ? LEGACY : g.id;
    }

    /**
     * A file's outcome is decided and nothing reads its blobs any more: they go with their generation, or now if the
     * generation is draining or legacy. {@code resultBlobs} null: not known (they are listed if needed).
     */
    public void settled(String taskId, String extension, List<String> resultBlobs) {
        String deleteNow;
        synchronized (this) {
            Generation g = leave(taskId);
            if (g == null) {
                deleteNow = LEGACY;
            } else if (g.draining) {
                deleteNow = g.id;
            } else {
                g.done.add(new Settled(taskId, extension, resultBlobs));
                deleteNow = null;
            }
        }
        if (deleteNow != null) {
            storage.deleteBlobs(deleteNow, taskId, extension, resultBlobs);
        }
    }

    /** A file assigned a generation that never got into flight (its staging or claim failed): nothing to keep. */
    public synchronized void notStaged(String taskId) {
        leave(taskId);
    }

    /**
     * The file leaves its generation (returned; null if it had none); a closed generation it was the last file of is
     * queued for deletion at the next {@link #tick}: no storage request on the collecting thread.
     */
    private Generation leave(String taskId) {
        Generation g = byTask.remove(taskId);
        if (g != null) {
            g.pending.remove(taskId);
            if (!g.open && g.pending.isEmpty()) {
                toDelete.add(remove(g));
            }
        }
        return g;
    }

    /**
     * Run now and then (every second): closes an idle generation whose files are all done and deletes it, turns a
     * lingering one to deleting blob by blob, and tries failed deletions again.
     */
    public void tick() {
        List<String> deleteGenerations = new ArrayList<>();
        Map<Settled, String> drained = new LinkedHashMap<>(); // a done file → its generation
        synchronized (this) {
            long now = clock.millis();
            deleteGenerations.addAll(toDelete);
            toDelete.clear();
            for (Generation g : List.copyOf(generations.values())) {
                if (g.open && g.pending.isEmpty() && now - g.lastAssignMillis >= idle.toMillis()) {
                    close(g, now);
                }
                if (!g.open && g.pending.isEmpty()) {
                    deleteGenerations.add(remove(g));
                } else if (!g.open && !g.draining && now - g.closedMillis >= linger.toMillis()) {
                    g.draining = true;
                    LOG.info("Staging generation {} still waits for {} file(s) after {} s: deleting the blobs of its "
                            + "{} done file(s) one by one", g.id, g.pending.size(), linger.toSeconds(), g.done.size());
                    g.done.forEach(s -> drained.put(s, g.id));
                    g.done.clear();
                }
            }
        }
        drained.forEach((s, generation) -> storage.deleteBlobs(generation, s.taskId(), s.extension(), s.resultBlobs()));
        deleteGenerations.forEach(this::deleteContainers);
        ensureSpare();
    }

    /** Creates the spare generation if there is none (at start, and after each generation opened). */
    public void ensureSpare() {
        String id;
        synchronized (this) {
            if (spare != null) {
                return;
            }
            id = nextId(clock.millis());
        }
        try {
            storage.create(id);
        } catch (RuntimeException e) { // storage away: the next tick tries again, or a file's staging makes one
            LOG.debug("Could not create the spare staging generation: {}", e.getMessage());
            return;
        }
        synchronized (this) {
            if (spare == null) {
                spare = id;
                return;
            }
        }
        deleteContainers(id); // another thread made one meanwhile
    }

    /**
     * At start, before any file is staged or re-attached: each file in flight (its task id) is given the newest
     * generation holding its input, or {@link #LEGACY} if the legacy container does, and every generation left
     * holding none is deleted. A file found nowhere stays {@link #LEGACY}: its task fails on its missing input.
     */
    public void recover(Set<String> inFlightTaskIds) {
        Map<String, Set<String>> found = storage.list();
        Set<String> legacy = inFlightTaskIds.isEmpty() ? Set.of() : storage.listLegacy();
        List<String> deleteGenerations = new ArrayList<>();
        int recovered = 0;
        synchronized (this) {
            long now = clock.millis();
            List<String> ids = new ArrayList<>(found.keySet());
            ids.sort(null); // equal-length base-36 times: by creation
            for (String id : ids) {
                lastIdMillis = Math.max(lastIdMillis, parseId(id));
            }
            for (int i = ids.size() - 1; i >= 0; i--) {
                String id = ids.get(i);
                if (generations.containsKey(id)) {
                    continue; // known already (recovered before, or opened since)
                }
                Generation g = new Generation(id, now);
                g.open = false;
                g.closedMillis = now;
                for (String taskId : found.get(id)) {
                    if (inFlightTaskIds.contains(taskId) && !byTask.containsKey(taskId)) {
                        g.pending.add(taskId);
                        g.staged++;
                        byTask.put(taskId, g);
                    }
                }
                if (g.pending.isEmpty() && spare == null && i == ids.size() - 1) {
                    spare = id; // the newest, unused: kept as the spare (made long enough ago to be saved)
                } else if (g.pending.isEmpty()) {
                    deleteGenerations.add(id);
                } else {
                    generations.put(id, g);
                    recovered += g.pending.size();
                }
            }
            long unknown = inFlightTaskIds.stream().filter(t -> !byTask.containsKey(t) && !legacy.contains(t)).count();
            if (recovered > 0 || unknown > 0) {
                LOG.info("Staging: {} file(s) in flight found in {} generation(s), {} in the legacy containers, {} "
                        + "nowhere", recovered, generations.size(), inFlightTaskIds.size() - recovered - unknown, unknown);
            }
        }
        deleteGenerations.forEach(this::deleteContainers);
        ensureSpare();
    }

    /** Generations not yet deleted. */
    public synchronized int count() {
        return generations.size();
    }

    private void close(Generation g, long now) {
        g.open = false;
        g.closedMillis = now;
        if (current == g) {
            current = null;
        }
    }

    private String remove(Generation g) {
        generations.remove(g.id);
        if (current == g) {
            current = null;
        }
        return g.id;
    }

    private void deleteContainers(String id) {
        try {
            storage.delete(id);
            LOG.debug("Staging generation {} deleted", id);
        } catch (RuntimeException e) {
            LOG.warn("Could not delete staging generation {} ({}); tried again shortly", id, e.getMessage());
            synchronized (this) {
                toDelete.add(id);
            }
        }
    }

    private String nextId(long now) {
        lastIdMillis = Math.max(now, lastIdMillis + 1);
        return Long.toString(lastIdMillis, 36).toLowerCase(Locale.ROOT);
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id, 36);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
