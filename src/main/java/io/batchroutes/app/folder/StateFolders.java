package io.batchroutes.app.folder;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders a file moves through ({@code processing/}, {@code done/}, {@code failed/}) and the output folder must
 * be real directories: anyone who can write the drop folder could otherwise replace {@code done} with a link to any
 * folder this user may write, and every move would land there (issue 13, finding 3). Moves never replace a file: a
 * name already taken in {@code done/} or {@code failed/} gets {@code ~1}, {@code ~2}... before its extension.
 */
public final class StateFolders {

    /** How many {@code ~n} names are tried before a clash is an error. */
    private static final int MAX_SUFFIX = 1000;

    private StateFolders() {
    }

    /** A state folder (or the output folder) that is a symbolic link. */
    public static final class LinkedFolderException extends IOException {
        public LinkedFolderException(Path dir) {
            super(dir + " is a symbolic link: processing/, done/, failed/ and the output folder must be real directories "
                    + "(a link would let whoever can write the drop folder choose where files go); replace it with a directory");
        }
    }

    /** Refuses to start when one of the folders is a link (checked before any file is touched). */
    public static void checkAtStart(InputFolder inputs, Path outputDir) throws LinkedFolderException {
        List<Path> folders = new ArrayList<>(List.of(inputs.state(InputFolder.PROCESSING), inputs.state(InputFolder.DONE),
                inputs.state(InputFolder.FAILED), outputDir));
        for (Path folder : folders) {
            if (Files.isSymbolicLink(folder)) {
                throw new LinkedFolderException(folder);
            }
        }
    }

    /** The folder, created if missing; a link there (made while the daemon runs) is refused. */
    public static Path directory(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            throw new LinkedFolderException(dir);
        }
        Files.createDirectories(dir);
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new LinkedFolderException(dir);
        }
        return dir;
    }

    /** A name no file in {@code dir} has yet: {@code name}, else {@code stem~1.ext}, {@code stem~2.ext}... */
    public static String freeName(Path dir, String name) throws IOException {
        for (int n = 0; n <= MAX_SUFFIX; n++) {
            String candidate = n == 0 ? name : numbered(name, n);
            if (!Files.exists(dir.resolve(candidate), LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        throw new FileAlreadyExistsException(dir.resolve(name).toString(), null, "and " + MAX_SUFFIX + " numbered names");
    }

    /** Moves {@code source} to {@code dir/name}; fails if that exists (never replaces, whatever the file system). */
    public static Path moveWithoutReplacing(Path source, Path dir, String name) throws IOException {
        Path target = dir.resolve(name);
        // No ATOMIC_MOVE: on Linux it is rename(2), which silently replaces an existing target. Without options
        // Files.move refuses an existing target and still renames (one atomic step) within a file system.
        Files.move(source, target);
        return target;
    }

    /** {@code stem~n.ext} ({@code name~n} without an extension). */
    public static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "~" + n + name.substring(dot) : name + "~" + n;
    }
}
