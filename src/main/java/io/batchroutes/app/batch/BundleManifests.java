package io.batchroutes.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.folder.StateFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which files each bundle task carries: one manifest per bundle in {@code processing/.bundles/<bundleId>.json},
 * written (atomically) before the bundle is submitted and deleted once none of its files is in flight any more. A
 * restart re-attaches a bundle from its manifest ({@link InFlightResubmission}), so its files are never submitted a
 * second time on their own; the collect route reads it to know whose results a finished bundle holds.
 */
public final class BundleManifests {

    /** A bundle task's id: {@code b-} and 32 hex digits; anything else read back from Batch is no bundle of ours. */
    private static final Pattern BUNDLE_ID = Pattern.compile("b-[0-9a-f]{32}");
    private static final String FOLDER = ".bundles";
    private static final String SUFFIX = ".json";
    private static final Logger LOG = LoggerFactory.getLogger(BundleManifests.class);

    /**
     * @param workType the work type every file of the bundle has
     * @param members  the files, in the order of their folders on the node ({@code 0/}, {@code 1/}, ...)
     */
    public record Manifest(String bundleId, String workType, List<StagedFile> members) {
        public Manifest {
            members = List.copyOf(members);
        }
    }

    private final InputFolder inputs;
    private final ObjectMapper json = new ObjectMapper();

    public BundleManifests(InputFolder inputs) {
        this.inputs = inputs;
    }

    public static boolean isBundleId(String taskId) {
        return taskId != null && BUNDLE_ID.matcher(taskId).matches();
    }

    public void write(Manifest manifest) throws IOException {
        Path dir = StateFolders.directory(StateFolders.directory(inputs.state(InputFolder.PROCESSING)).resolve(FOLDER));
        Path partial = dir.resolve("." + UUID.randomUUID() + ".tmp");
        try {
            json.writeValue(partial.toFile(), manifest);
            Files.move(partial, file(manifest.bundleId()), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** The manifest of a bundle task, if it is one of ours and still has one. */
    public Optional<Manifest> read(String bundleId) throws IOException {
        if (!isBundleId(bundleId)) {
            return Optional.empty();
        }
        Path file = file(bundleId);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(file.toFile(), Manifest.class));
    }

    public void delete(String bundleId) throws IOException {
        if (isBundleId(bundleId)) {
            Files.deleteIfExists(file(bundleId));
        }
    }

    /** Every manifest (at start: the bundles in flight); one that cannot be read is logged and left out. */
    public List<Manifest> all() throws IOException {
        Path dir = folder();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String id = file.getFileName().toString().substring(0, file.getFileName().toString().length() - SUFFIX.length());
                try {
                    read(id).ifPresent(manifests::add);
                } catch (IOException e) {
                    LOG.warn("Bundle manifest {} cannot be read ({}); its files are re-attached one by one", file, e.getMessage());
                }
            }
        }
        return manifests;
    }

    /** Where the manifests are (and, beside them, the bundles' archives while collected: {@link BundleArchives}). */
    Path folder() throws IOException {
        Path dir = inputs.state(InputFolder.PROCESSING).resolve(FOLDER);
        if (Files.isSymbolicLink(dir)) {
            throw new StateFolders.LinkedFolderException(dir);
        }
        return dir;
    }

    private Path file(String bundleId) throws IOException {
        return folder().resolve(bundleId + SUFFIX);
    }
}
