package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.ComputeNodeInformation;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.PoolRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Files on nodes: a task's directory ({@code stdout.txt}, {@code stderr.txt}, {@code wd/...}) and a node's root. */
public final class FileService {
    /**
     * A file or directory.
     *
     * @param name     relative to the task directory or node root, '/' separated
     * @param fileMode Linux style, e.g. {@code 0o100644}
     */
    public record FileEntry(Path path, String name, boolean directory, Instant creationTime, Instant lastModified,
            long length, String contentType, String fileMode, String url) {
    }

    private final ServiceContext ctx;
    private final JobService jobs;
    private final PoolService pools;

    public FileService(ServiceContext ctx, JobService jobs, PoolService pools) {
        this.ctx = ctx;
        this.jobs = jobs;
        this.pools = pools;
    }

    /** A folder whose files the API serves; {@code root} is the nodes folder above it, which tasks cannot replace. */
    private record Base(Path root, Path dir, String url) {
    }

    private Base taskBase(String jobId, String taskId) {
        JobRecord job = jobs.record(jobId);
        ComputeNodeInformation ni = job.locked(() -> {
            TaskRecord t = job.tasks.get(io.batchroutes.emulator.store.BatchStore.key(taskId));
            if (t == null) {
                throw BatchErrorCode.TASK_NOT_FOUND.exception();
            }
            if (t.filesCleanedUp) {
                throw BatchErrorCode.TASK_FILES_CLEANED_UP.exception();
            }
            return t.task.nodeInfo;
        });
        if (ni == null) {
            throw BatchErrorCode.TASK_FILES_UNAVAILABLE.exception();
        }
        return new Base(ctx.nodesDir(), ctx.nodesDir().resolve(ni.nodeId).resolve(ni.taskRootDirectory),
                ctx.accountUrl().get() + "/jobs/" + Entities.encodePath(jobId) + "/tasks/" + Entities.encodePath(taskId)
                        + "/files/");
    }

    private Base nodeBase(String poolId, String nodeId) {
        PoolRecord pool = pools.record(poolId);
        boolean known = pool.locked(() -> pool.nodes.containsKey(nodeId));
        if (!known) {
            throw BatchErrorCode.NODE_NOT_FOUND.exception();
        }
        return new Base(ctx.nodesDir(), ctx.nodesDir().resolve(nodeId), ctx.accountUrl().get() + "/pools/"
                + Entities.encodePath(poolId) + "/nodes/" + Entities.encodePath(nodeId) + "/files/");
    }

    public FileEntry taskFile(String jobId, String taskId, String filePath) {
        return entry(taskBase(jobId, taskId), filePath);
    }

    public List<FileEntry> listTaskFiles(String jobId, String taskId, boolean recursive) {
        return list(taskBase(jobId, taskId), recursive);
    }

    public void deleteTaskFile(String jobId, String taskId, String filePath, boolean recursive) {
        delete(taskBase(jobId, taskId), filePath, recursive);
    }

    public FileEntry nodeFile(String poolId, String nodeId, String filePath) {
        return entry(nodeBase(poolId, nodeId), filePath);
    }

    public List<FileEntry> listNodeFiles(String poolId, String nodeId, boolean recursive) {
        return list(nodeBase(poolId, nodeId), recursive);
    }

    public void deleteNodeFile(String poolId, String nodeId, String filePath, boolean recursive) {
        delete(nodeBase(poolId, nodeId), filePath, recursive);
    }

    private static Path resolve(Base base, String filePath) {
        Path p = base.dir().resolve(filePath).normalize();
        if (!p.startsWith(base.dir().normalize()) || throughLink(base.root(), p)) {
            throw BatchErrorCode.FILE_NOT_FOUND.exception();
        }
        return p;
    }

    /**
     * Whether {@code p}, or a folder on the way to it below the nodes folder, is a symbolic link. Tasks create what
     * they like in their folders ({@code wd/link -> /etc/passwd}); the files API serves only what is really there.
     */
    private static boolean throughLink(Path root, Path p) {
        Path dir = root.normalize();
        if (!p.startsWith(dir)) {
            return true;
        }
        for (Path name : dir.relativize(p)) {
            dir = dir.resolve(name);
            if (Files.isSymbolicLink(dir)) {
                return true;
            }
        }
        return false;
    }

    private static FileEntry entry(Base base, String filePath) {
        Path p = resolve(base, filePath);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw BatchErrorCode.FILE_NOT_FOUND.exception();
        }
        return describe(base, p);
    }

    private static FileEntry describe(Base base, Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String name = base.dir().relativize(p).toString().replace('\\', '/');
            String url = base.url() + Entities.encodePath(name);
            String mode = fileMode(p, a.isDirectory());
            return new FileEntry(p, name, a.isDirectory(), a.creationTime().toInstant().truncatedTo(ChronoUnit.MILLIS),
                    a.lastModifiedTime().toInstant().truncatedTo(ChronoUnit.MILLIS), a.isDirectory() ? 0 : a.size(),
                    contentType(name), mode, url);
        } catch (IOException e) {
            throw BatchErrorCode.FILE_NOT_FOUND.exception();
        }
    }

    private static String contentType(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".txt") || n.endsWith(".log")) {
            return "text/plain";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static String fileMode(Path p, boolean directory) {
        int mode = directory ? 040000 : 0100000;
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            for (PosixFilePermission perm : perms) {
                mode |= 1 << (8 - perm.ordinal());
            }
        } catch (IOException | UnsupportedOperationException e) {
            mode |= 0644;
        }
        return "0o" + Integer.toOctalString(mode);
    }

    private static List<FileEntry> list(Base base, boolean recursive) {
        if (!Files.isDirectory(base.dir(), LinkOption.NOFOLLOW_LINKS) || throughLink(base.root(), base.dir())) {
            return List.of();
        }
        List<FileEntry> entries = new ArrayList<>();
        // Files.walk does not descend into linked folders; the links themselves are left out of the listing.
        try (Stream<Path> paths = recursive ? Files.walk(base.dir()) : Files.list(base.dir())) {
            paths.filter(p -> !p.equals(base.dir()) && !Files.isSymbolicLink(p))
                    .sorted(Comparator.comparing(Path::toString))
                    .forEach(p -> entries.add(describe(base, p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static void delete(Base base, String filePath, boolean recursive) {
        Path p = resolve(base, filePath);
        if (!Files.exists(p) || p.equals(base.dir().normalize())) {
            throw BatchErrorCode.FILE_NOT_FOUND.exception();
        }
        if (Files.isDirectory(p)) {
            if (!recursive) {
                throw BatchErrorCode.OPERATION_INVALID_FOR_CURRENT_STATE.exceptionWithMessage(
                        "The specified path is a directory; pass recursive=true to delete it.");
            }
            Entities.deleteTree(p);
        } else {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw BatchErrorCode.OPERATION_INVALID_FOR_CURRENT_STATE.exceptionWithMessage(e.getMessage());
            }
        }
    }
}
