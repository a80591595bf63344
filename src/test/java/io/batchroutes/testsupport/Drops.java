package io.batchroutes.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Dropping files into a watched folder the way a careful user does: written elsewhere (beside the folder, on the
 * same file system), then moved in whole, so the daemon never sees one half-written.
 */
public final class Drops {

    private Drops() {
    }

    public static Path drop(Path inputDir, String name, byte[] content) throws IOException {
        Files.createDirectories(inputDir);
        Path staging = Files.createTempFile(inputDir.toAbsolutePath().getParent(), "drop", ".tmp");
        Files.write(staging, content);
        return Files.move(staging, inputDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    public static Path drop(Path inputDir, String name, String content) throws IOException {
        return drop(inputDir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops a copy of {@code source} under {@code name}. */
    public static Path dropCopy(Path inputDir, Path source, String name) throws IOException {
        Files.createDirectories(inputDir);
        Path staging = Files.createTempFile(inputDir.toAbsolutePath().getParent(), "drop", ".tmp");
        Files.copy(source, staging, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(staging, inputDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
