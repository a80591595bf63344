package io.batchroutes.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an input file is in its life, visible in the folder: {@code InputFiles/processing/} while its task is
 * in flight, then {@code done/}, or {@code failed/} with a {@code <name>.reason.txt} beside it.
 */
public final class InputFolder {

    public static final String PROCESSING = "processing";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String REASON_SUFFIX = ".reason.txt";

    private static final Logger LOG = LoggerFactory.getLogger(InputFolder.class);

    private final Path root;

    public InputFolder(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path processing(String name) {
        return root.resolve(PROCESSING).resolve(name);
    }

    /**
     * Takes a staged file into {@code processing/}, before its task is queued: a task can only finish after its
     * input is there. The atomic rename is also what lets several daemons share one folder: exactly one wins.
     */
    public void claim(@Header(Exchange.FILE_NAME_ONLY) String name) throws IOException {
        try {
            moveFromRoot(name, PROCESSING);
        } catch (NoSuchFileException e) {
            // The rename is atomic: another daemon on the same folder (or the user) took it first.
            throw new ClaimLostException(name);
        }
    }

    /** The file left the input folder between being picked up and being claimed: someone else has it. */
    public static final class ClaimLostException extends IOException {
        public ClaimLostException(String name) {
            super(name + " was taken from the input folder by another process before this one could claim it");
        }
    }

    /** Fails a file wherever it is (still in the input folder, or in flight), with the reason beside it. */
    public void fail(String name, String reason) throws IOException {
        writeReason(name, reason);
        if (Files.exists(root.resolve(name))) {
            moveFromRoot(name, FAILED);
        } else {
            moveFromProcessing(name, FAILED);
        }
    }

    void moveFromRoot(String name, String state) throws IOException {
        Path dir = Files.createDirectories(root.resolve(state));
        Files.move(root.resolve(name), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public void markDone(String name) throws IOException {
        moveFromProcessing(name, DONE);
    }

    /** Writes the reason beside the failed input and moves the input (if still in flight) into {@code failed/}. */
    public void markFailed(String name, String reason) throws IOException {
        writeReason(name, reason);
        moveFromProcessing(name, FAILED);
    }

    /** Writes {@code failed/<name>.reason.txt}. */
    public void writeReason(String name, String reason) throws IOException {
        Path dir = Files.createDirectories(root.resolve(FAILED));
        Path tmp = Files.createTempFile(dir, ".reason", ".tmp");
        Files.writeString(tmp, reason.endsWith("\n") ? reason : reason + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, reasonFile(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * {@code failed/<name>.reason.txt}; for a name too long to take the suffix within the file system's 255 bytes,
     * the name is shortened first (its beginning, {@code ~} and a hash), as result names are.
     */
    public Path reasonFile(String name) {
        return root.resolve(FAILED).resolve(FileNames.shorten(name, FileNames.MAX_BYTES - REASON_SUFFIX.length())
                + REASON_SUFFIX);
    }

    /**
     * True if {@code processing/} holds the very file task {@code taskId} was made from (same name, size and
     * modification time). The name comes back from Batch (the task's display name): it is only looked up as a
     * plain name inside {@code processing/}, never as a path.
     */
    public boolean isInFlight(String name, String taskId) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
                || name.contains("\\") || name.indexOf('\0') >= 0) {
            return false;
        }
        try {
            Path file = processing(name);
            if (!file.getParent().equals(root.resolve(PROCESSING)) || !Files.isRegularFile(file)) {
                return false;
            }
            return TaskIdentity.taskId(name, Files.size(file), Files.getLastModifiedTime(file).toMillis()).equals(taskId);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /** The files in flight: in {@code processing/}, each with a task that was (or was about to be) submitted. */
    public List<Path> inFlight() throws IOException {
        Path processing = root.resolve(PROCESSING);
        if (!Files.isDirectory(processing)) {
            return List.of();
        }
        try (var files = Files.list(processing)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    /**
     * The outcome of an earlier run of this very file (same name, size and modification time), if there was one:
     * {@code done/} or {@code failed/}, else null.
     */
    public String earlierOutcome(String name, long size, long lastModified) throws IOException {
        for (String state : new String[] {DONE, FAILED}) {
            Path earlier = root.resolve(state).resolve(name);
            if (Files.isRegularFile(earlier) && Files.size(earlier) == size
                    && Files.getLastModifiedTime(earlier).toMillis() == lastModified) {
                return state;
            }
        }
        return null;
    }

    private void moveFromProcessing(String name, String state) throws IOException {
        Path source = processing(name);
        if (!Files.exists(source)) {
            LOG.debug("{} is no longer in {}/ (already moved)", name, PROCESSING);
            return;
        }
        Path dir = Files.createDirectories(root.resolve(state));
        Files.move(source, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
