package io.batchroutes.app.staging;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Header;

/**
 * The blob containers the pipeline stages through: inputs, results that tasks upload (names: {@link BlobLayout})
 * and the scripts nodes install. Issues the SAS URLs tasks use; their signatures are
 * secrets and are never logged.
 */
public final class StagingArea {

    private static final Duration NODE_FILE_SAS_LIFETIME = Duration.ofDays(365);
    private static final Duration SAS_MARGIN = Duration.ofMinutes(15);

    private final BlobContainerClient inputs;
    private final BlobContainerClient outputs;
    private final BlobContainerClient app;
    private final Duration sasLifetime;
    private final Collection<String> nodeFiles;
    private final BlobDeletions deletions;

    public StagingArea(BlobServiceClient service, String inputContainer, String outputContainer, String appContainer,
            Duration sasLifetime, Collection<String> nodeFiles, BlobDeletions deletions) {
        this.nodeFiles = List.copyOf(nodeFiles);
        this.deletions = deletions;
        this.inputs = service.getBlobContainerClient(inputContainer);
        this.outputs = service.getBlobContainerClient(outputContainer);
        this.app = service.getBlobContainerClient(appContainer);
        this.sasLifetime = sasLifetime;
    }

    /** Creates the containers if missing and uploads the files work types ship to the nodes. */
    public void prepare() {
        for (BlobContainerClient container : List.of(inputs, outputs, app)) {
            container.createIfNotExists();
        }
        for (String location : nodeFiles) {
            try (InputStream content = open(location)) {
                byte[] bytes = content.readAllBytes();
                app.getBlobClient(WorkType.nodeFileName(location)).upload(new ByteArrayInputStream(bytes), bytes.length, true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read node file " + location, e);
            }
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = StagingArea.class.getClassLoader().getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource);
            if (in == null) {
                throw new FileNotFoundException("No resource " + location);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    /**
     * When the SAS URLs handed to one task expire: the time it may wait in the queue before it runs (the
     * {@code sasLifetime} given, {@code batchroutes.storage.sas-hours}) plus what its own limits let it run
     * (wall clock × attempts), plus a margin for staging and upload. A resubmitted task gets fresh ones.
     */
    public OffsetDateTime taskSasExpiry(Duration runLimit) {
        return OffsetDateTime.now().plus(sasLifetime).plus(runLimit).plus(SAS_MARGIN);
    }

    /** Read-only SAS URL of one staged input blob. */
    public String inputReadUrl(String blobName, OffsetDateTime expiry) {
        BlobClient blob = inputs.getBlobClient(blobName);
        return blob.getBlobUrl() + "?" + blob.generateSas(new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setReadPermission(true)));
    }

    /**
     * An output destination URL allowing a task to create and write exactly one result blob and nothing else: the
     * results container's URL with a SAS scoped to that blob ({@code sr=b}). Batch appends the destination path (the
     * same blob name) to the container URL, so the signature covers the one upload the task is meant to make.
     */
    public String outputBlobWriteUrl(String blobName, OffsetDateTime expiry) {
        BlobClient blob = outputs.getBlobClient(blobName);
        return outputs.getBlobContainerUrl() + "?" + blob.generateSas(new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setCreatePermission(true).setWritePermission(true)));
    }

    /**
     * Read-only SAS URL of a file shipped to the nodes. It lives as long as the pool may (nodes that join or
     * reboot months later download it again) and grants reading that one blob only.
     */
    public String nodeFileReadUrl(String name) {
        BlobClient blob = app.getBlobClient(name);
        return blob.getBlobUrl() + "?" + blob.generateSas(new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plus(NODE_FILE_SAS_LIFETIME), new BlobSasPermission().setReadPermission(true)));
    }

    /**
     * SAS URL of the results container allowing a task to create and write blobs, nothing else; only for wildcard
     * outputs, whose blob names are not known in advance (a service SAS cannot be scoped to a name prefix).
     */
    public String outputContainerWriteUrl(OffsetDateTime expiry) {
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry,
                new BlobContainerSasPermission().setCreatePermission(true).setWritePermission(true));
        return outputs.getBlobContainerUrl() + "?" + outputs.generateSas(values);
    }

    /** The blobs a task uploaded as results (a listing: only for wildcard outputs, see {@link ResultPlan}). */
    public List<String> resultBlobs(String taskId) {
        return outputs.listBlobs(new ListBlobsOptions().setPrefix(BlobLayout.resultPrefix(taskId)), null).stream()
                .map(BlobItem::getName).toList();
    }

    /**
     * Removes what a task staged (queued: {@link BlobDeletions} deletes in batches). Nothing reads it any more: the
     * file's outcome is decided.
     */
    public void deleteStaged(String taskId, String extension) {
        deleteStaged(taskId, extension, resultBlobs(taskId));
    }

    /** As {@link #deleteStaged(String, String)}, with the task's result blobs already known. */
    public void deleteStaged(String taskId, String extension, List<String> resultBlobs) {
        deletions.delete(inputs.getBlobContainerName(), BlobLayout.inputBlobName(taskId, extension));
        resultBlobs.forEach(name -> deletions.delete(outputs.getBlobContainerName(), name));
    }

}
