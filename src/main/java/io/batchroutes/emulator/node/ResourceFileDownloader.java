package io.batchroutes.emulator.node;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.batchroutes.emulator.model.ResourceFile;
import io.batchroutes.emulator.model.TaskFailureInformation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Downloads a task's resource files into its working directory; returns a failure instead of throwing. */
final class ResourceFileDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceFileDownloader.class);

    private final BlobHttp http;
    private final StorageRetry retry;

    ResourceFileDownloader(BlobHttp http, StorageRetry retry) {
        this.http = http;
        this.retry = retry;
    }

    /** Downloads one resource file (transient storage failures tried again); null on success, else the failure. */
    TaskFailureInformation download(ResourceFile rf, Path workingDir, String label) {
        try {
            if (rf.httpUrl != null) {
                return retry.run(label + ": resource file " + Urls.redact(rf.httpUrl), () -> fromHttp(rf, workingDir, label));
            }
            if (rf.storageContainerUrl != null) {
                return retry.run(label + ": resource files of " + Urls.redact(rf.storageContainerUrl),
                        () -> fromContainer(rf, workingDir, label));
            }
            return NodeFailures.failure("ResourceFileCreateFailed",
                    "The emulator has no linked auto-storage account; use httpUrl or storageContainerUrl",
                    "AutoStorageContainerName", String.valueOf(rf.autoStorageContainerName));
        } catch (StorageRetry.TransientStatus e) {
            LOG.warn("{}: GET {} answered HTTP {}", label, Urls.redact(rf.httpUrl), e.status);
            return blobFailure(e.status, "HTTP " + e.status);
        } catch (BlobStorageException e) {
            LOG.warn("{}: resource file download failed: HTTP {} {}", label, e.getStatusCode(), e.getErrorCode());
            return blobFailure(e.getStatusCode(), String.valueOf(e.getErrorCode()));
        } catch (IOException | RuntimeException e) {
            // The message may quote the URL with its SAS (a URL that does not parse is quoted whole).
            String message = Urls.scrub(e.getMessage(), rf.httpUrl, rf.storageContainerUrl);
            LOG.warn("{}: resource file download failed: {}: {}", label, e.getClass().getSimpleName(), message);
            return NodeFailures.failure("BlobDownloadMiscError", "Miscellaneous error encountered while downloading "
                    + "one of the specified Azure Blob(s)", "Message", message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NodeFailures.failure("BlobDownloadMiscError", "Interrupted while downloading resource files");
        } catch (Exception e) { // every checked exception the transfers throw is handled above
            throw new IllegalStateException(e);
        }
    }

    private TaskFailureInformation fromHttp(ResourceFile rf, Path workingDir, String label) throws IOException {
        if (rf.filePath == null || rf.filePath.isBlank()) {
            return NodeFailures.failure("ResourceFileCreateFailed", "filePath is required with httpUrl");
        }
        Path target = inside(workingDir, rf.filePath);
        if (target == null) {
            return NodeFailures.failure("ResourceFileCreateFailed", "filePath leaves the working directory",
                    "FilePath", rf.filePath);
        }
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        URI uri = BlobHttp.httpUri(rf.httpUrl);
        if (uri == null) {
            LOG.warn("{}: resource file httpUrl {} is not a valid URL", label, Urls.redact(rf.httpUrl));
            return NodeFailures.failure("ResourceFileCreateFailed", "The resource file's httpUrl is not a valid URL",
                    "HttpUrl", Urls.redact(rf.httpUrl));
        }
        BlobHttp.Answer answer;
        try {
            answer = http.get(uri, part);
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        if (!answer.is(200)) {
            if (StorageRetry.transientStatus(answer.status())) {
                throw new StorageRetry.TransientStatus(answer.status());
            }
            LOG.warn("{}: GET {} answered HTTP {}", label, Urls.redact(rf.httpUrl), answer.status());
            return blobFailure(answer.status(), "HTTP " + answer.status());
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        applyMode(target, rf.fileMode);
        if (LOG.isInfoEnabled()) { // redacting the URL costs more than the line when it is not written
            LOG.info("{}: downloaded {} to {}", label, Urls.redact(rf.httpUrl), rf.filePath);
        }
        return null;
    }

    private TaskFailureInformation fromContainer(ResourceFile rf, Path workingDir, String label) throws IOException {
        BlobContainerClient container = new BlobContainerClientBuilder().endpoint(rf.storageContainerUrl)
                .retryOptions(StorageRetry.SDK_TRIES_ONCE).buildClient();
        Path dir = rf.filePath == null || rf.filePath.isBlank() ? workingDir : inside(workingDir, rf.filePath);
        if (dir == null) {
            return NodeFailures.failure("ResourceFileCreateFailed", "filePath leaves the working directory",
                    "FilePath", rf.filePath);
        }
        ListBlobsOptions options = new ListBlobsOptions();
        if (rf.blobPrefix != null && !rf.blobPrefix.isEmpty()) {
            options.setPrefix(rf.blobPrefix);
        }
        int count = 0;
        for (BlobItem item : container.listBlobs(options, null)) {
            Path target = inside(dir, item.getName());
            if (target == null) {
                return NodeFailures.failure("ResourceFileCreateFailed", "blob name leaves the working directory",
                        "BlobName", item.getName());
            }
            Files.createDirectories(target.getParent());
            container.getBlobClient(item.getName()).downloadToFile(target.toString(), true);
            applyMode(target, rf.fileMode);
            count++;
        }
        LOG.info("{}: downloaded {} blob(s) from {}", label, count, Urls.redact(rf.storageContainerUrl));
        return null;
    }

    private static TaskFailureInformation blobFailure(int status, String detail) {
        if (status == 404) {
            return NodeFailures.failure("BlobNotFound", "The specified blob does not exist", "Message", detail);
        }
        if (status == 403 || status == 401) {
            return NodeFailures.failure("BlobAccessDenied", "Access for one of the specified Azure Blob(s) is denied",
                    "Message", detail);
        }
        return NodeFailures.failure("BlobDownloadMiscError",
                "Miscellaneous error encountered while downloading one of the specified Azure Blob(s)", "Message", detail);
    }

    /** {@code relative} resolved under {@code dir}, or null if it would leave it. */
    static Path inside(Path dir, String relative) {
        Path p = dir.resolve(relative.replace('\\', '/')).normalize();
        return p.startsWith(dir.normalize()) && !p.equals(dir.normalize()) ? p : null;
    }

    static void applyMode(Path file, String fileMode) throws IOException {
        if (fileMode == null || fileMode.isBlank()) {
            return;
        }
        int mode = Integer.parseInt(fileMode.trim(), 8);
        Set<PosixFilePermission> perms = PosixFilePermissions.fromString(
                rwx(mode >> 6) + rwx(mode >> 3) + rwx(mode));
        Files.setPosixFilePermissions(file, perms);
    }

    private static String rwx(int bits) {
        return ((bits & 4) != 0 ? "r" : "-") + ((bits & 2) != 0 ? "w" : "-") + ((bits & 1) != 0 ? "x" : "-");
    }
}
