package io.batchroutes.app.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import io.batchroutes.app.worktype.FileNames;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The input folder and its states, visible to the user: a dropped file sits in {@code InputFiles/}, moves into
 * {@code processing/} once staged (its claim), then into {@code done/}, or {@code failed/} with a
 * {@code <name>.reason.txt} beside it. This class claims and names places; only
 * {@code outcome.FileOutcomes} moves a file to {@code done/} or {@code failed/}.
 */
public final class InputFolder {

    public static final String PROCESSING = "processing";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String REASON_SUFFIX = ".reason.txt";

    private final Path root;

    public InputFolder(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Where a dropped file is before it is claimed. */
    public Path dropped(String name) {
        return root.resolve(name);
    }

    public Path processing(String name) {
        return root.resolve(PROCESSING).resolve(name);
    }

    /** The folder of a state ({@link #PROCESSING}, {@link #DONE}, {@link #FAILED}). */
    public Path state(String state) {
        return root.resolve(state);
    }

    /**
     * Takes a staged file into {@code processing/}, before its task is queued: a task can only finish after its
     * input is there. The atomic rename is also what lets several daemons share one folder: exactly one wins.
     */
    public void claim(@Header(Exchange.FILE_NAME_ONLY) String name) throws IOException {
        Path dir = StateFolders.directory(state(PROCESSING));
        try {
            StateFolders.moveWithoutReplacing(dropped(name), dir, name);
        } catch (NoSuchFileException e) {
            // The rename is atomic: another daemon on the same folder (or the user) took it first.
            throw new ClaimLostException(name);
        } catch (FileAlreadyExistsException e) {
            throw new NameInFlightException(name);
        }
    }

    /** A file of the same name is still in {@code processing/}: replacing it would lose that one's outcome. */
    public static final class NameInFlightException extends IOException {
        public NameInFlightException(String name) {
            super("a file named " + name + " is still in processing/ (dropped earlier, its task not finished); "
                    + "drop this one again when that one is done");
        }
    }

    /**
     * {@code failed/<name>.reason.txt}; for a name too long to take the suffix within the file system's 255 bytes,
     * the name is shortened first (its beginning, {@code ~} and a hash), as result names are.
     */
    public Path reasonFile(String name) {
        return state(FAILED).resolve(FileNames.shorten(name, FileNames.MAX_BYTES - REASON_SUFFIX.length())
                + REASON_SUFFIX);
    }

    /** The files in flight: in {@code processing/}, each with a task that was (or was about to be) submitted. */
    public List<Path> inFlight() throws IOException {
        Path processing = state(PROCESSING);
        if (!Files.isDirectory(processing)) {
            return List.of();
        }
        try (var files = Files.list(processing)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
    }
}
