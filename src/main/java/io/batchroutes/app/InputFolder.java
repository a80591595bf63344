package io.batchroutes.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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

    public void markDone(String name) throws IOException {
        moveFromProcessing(name, DONE);
    }

    /** Writes the reason beside the failed input and moves the input (if still in flight) into {@code failed/}. */
    public void markFailed(String name, String reason) throws IOException {
        writeReason(name, reason);
        moveFromProcessing(name, FAILED);
    }

    /** Writes {@code failed/<name>.reason.txt}; the file consumer moves the input there itself. */
    public void writeReason(String name, String reason) throws IOException {
        Path dir = Files.createDirectories(root.resolve(FAILED));
        Path tmp = Files.createTempFile(dir, ".reason", ".tmp");
        Files.writeString(tmp, reason.endsWith("\n") ? reason : reason + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name + REASON_SUFFIX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
