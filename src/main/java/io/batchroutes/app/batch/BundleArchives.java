package io.batchroutes.app.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import io.batchroutes.app.folder.StateFolders;
import io.batchroutes.app.staging.BlobLayout;
import io.batchroutes.app.staging.ResultFile;
import io.batchroutes.app.staging.ResultPlan;
import io.batchroutes.app.staging.StagingArea;
import io.batchroutes.app.worktype.Bundling;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zips of finished bundles whose work type packs its files' outputs ({@code bundle.archive}): the collect route
 * downloads one per bundle, this keeps it open while the bundle's files are collected and hands out each file's
 * entries, {@code <k>/<output>} or {@code <k>/reason.txt} for the file in folder {@code k}.
 * <p>
 * An archive is data a task wrote: its entries are only ever looked up by the names the daemon expects, never
 * written out under their own names, and they must be stored (not compressed), so what is read from an entry is
 * bounded by the archive's own size. An archive that is missing, no zip, or has a compressed entry the daemon
 * needs is unusable: the bundle's files then run again one by one, as after a bundle that failed as a whole.
 * <p>
 * The local copy lives beside the bundle's manifest ({@code processing/.bundles/<bundleId>-<random>.zip}) and goes
 * when the bundle is done with ({@link #release}); copies a killed daemon left go with the bundle's next release.
 */
public final class BundleArchives {

    /** Header on each file collected from an archived bundle: its folder's number in the bundle. */
    public static final String FOLDER_HEADER = "BatchRoutesBundleFolder";
    /** What {@link #keep} answers; the collect routes keep it in header {@code BatchRoutesBundleArchive}. */
    public static final String READY = "ready";
    public static final String UNUSABLE = "unusable";
    /** How much of a reason.txt is read, as for a reason blob. */
    static final int REASON_BYTES = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(BundleArchives.class);
    private static final String SUFFIX = ".zip";

    private record Kept(ZipFile zip, Path file) {
    }

    private final BundleManifests manifests;
    private final WorkTypes workTypes;
    private final StagingArea staging;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    public BundleArchives(BundleManifests manifests, WorkTypes workTypes, StagingArea staging) {
        this.manifests = manifests;
        this.workTypes = workTypes;
        this.staging = staging;
    }

    /** Whether a finished bundle (by its manifest) packed its files' outputs into an archive to download first. */
    public boolean expected(@Header(AzureBatchConstants.TASK_ID) String bundleId) throws IOException {
        return manifests.read(bundleId).map(m -> bundling(m).archived()).orElse(false);
    }

    /** The archive's blob: among the first file's results. */
    public String blobName(@Header(AzureBatchConstants.TASK_ID) String bundleId) throws IOException {
        BundleManifests.Manifest manifest = manifest(bundleId);
        return BlobLayout.bundleArchiveBlobName(manifest.members().get(0).taskId(), bundling(manifest).archive());
    }

    /** The container of the archive's blob: the first file's generation's output container. */
    public String container(@Header(AzureBatchConstants.TASK_ID) String bundleId) throws IOException {
        return staging.outputContainerOf(manifest(bundleId).members().get(0).taskId());
    }

    /**
     * Keeps the downloaded archive ({@code body}: the blob's stream, null when there was none) and answers
     * {@link #READY} or {@link #UNUSABLE}.
     */
    public String keep(@Header(AzureBatchConstants.TASK_ID) String bundleId, @Body InputStream body) throws IOException {
        if (body == null) {
            LOG.warn("Bundle {} left no archive: its files run again one by one", bundleId);
            return UNUSABLE;
        }
        BundleManifests.Manifest manifest = manifest(bundleId);
        Path dir = StateFolders.directory(manifests.folder());
        String base = bundleId + "-" + UUID.randomUUID();
        Path partial = dir.resolve("." + base + ".part");
        Path file = dir.resolve(base + SUFFIX);
        try (body) {
            Files.copy(body, partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            Files.deleteIfExists(file);
            LOG.warn("Bundle {}: its archive is no zip ({}); its files run again one by one", bundleId, e.getMessage());
            return UNUSABLE;
        }
        Optional<String> compressed = compressedEntry(zip, manifest);
        if (compressed.isPresent()) {
            zip.close();
            Files.deleteIfExists(file);
            LOG.warn("Bundle {}: entry {} of its archive is compressed (entries must be stored); its files run again "
                    + "one by one", bundleId, compressed.get());
            return UNUSABLE;
        }
        Kept previous = kept.put(bundleId, new Kept(zip, file));
        if (previous != null) {
            close(previous);
        }
        return READY;
    }

    /** A file's result from its bundle's archive ({@code <folder>/<result's name on the node>}), or null if none. */
    public InputStream result(@Header(Bundling.BUNDLE_ID_HEADER) String bundleId, @Header(FOLDER_HEADER) int folder,
            @ExchangeProperty(ResultPlan.RESULT_PROPERTY) ResultFile result) throws IOException {
        return entry(bundleId, folder + "/" + BlobLayout.nodeFileName(result.blobName()));
    }

    /** The first 4 KiB of a file's {@code reason.txt} in its bundle's archive, or null if it has none. */
    public byte[] reason(@Header(Bundling.BUNDLE_ID_HEADER) String bundleId, @Header(FOLDER_HEADER) int folder)
            throws IOException {
        try (InputStream in = entry(bundleId, folder + "/" + Bundling.REASON_FILE)) {
            return in == null ? null : in.readNBytes(REASON_BYTES);
        }
    }

    /** The bundle is done with: its archive is closed and every local copy of it deleted. */
    public void release(String bundleId) throws IOException {
        Kept open = kept.remove(bundleId);
        if (open != null) {
            close(open);
        }
        Path dir = manifests.folder();
        if (!BundleManifests.isBundleId(bundleId) || !Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(dir, bundleId + "-*" + SUFFIX)) {
            for (Path copy : copies) {
                Files.deleteIfExists(copy);
            }
        }
    }

    private InputStream entry(String bundleId, String name) throws IOException {
        Kept open = kept.get(bundleId);
        if (open == null) {
            throw new IOException("bundle " + bundleId + " has no archive kept");
        }
        ZipEntry entry = open.zip().getEntry(name);
        return entry == null || entry.isDirectory() ? null : open.zip().getInputStream(entry);
    }

    /** The first entry the daemon would read that is not stored as is. */
    private Optional<String> compressedEntry(ZipFile zip, BundleManifests.Manifest manifest) {
        WorkType type = workTypes.byName(manifest.workType());
        for (int k = 0; k < manifest.members().size(); k++) {
            for (String name : type.outputs()) {
                Optional<String> found = compressed(zip, k + "/" + name);
                if (found.isPresent()) {
                    return found;
                }
            }
            Optional<String> found = compressed(zip, k + "/" + Bundling.REASON_FILE);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> compressed(ZipFile zip, String name) {
        ZipEntry entry = zip.getEntry(name);
        return entry != null && entry.getMethod() != ZipEntry.STORED ? Optional.of(name) : Optional.empty();
    }

    private BundleManifests.Manifest manifest(String bundleId) throws IOException {
        return manifests.read(bundleId).orElseThrow(() -> new IOException("bundle " + bundleId + " has no manifest"));
    }

    private Bundling bundling(BundleManifests.Manifest manifest) {
        return workTypes.byName(manifest.workType()).bundle();
    }

    private static void close(Kept open) throws IOException {
        try {
            open.zip().close();
        } finally {
            Files.deleteIfExists(open.file());
        }
    }
}
