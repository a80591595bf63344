package io.batchroutes.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;

/**
 * The blob containers the pipeline stages through: inputs ({@code <taskId>/input.<ext>}), results that tasks
 * upload ({@code <taskId>/...}) and the scripts nodes install. Issues the SAS URLs tasks use; their signatures are
 * secrets and are never logged.
 */
public final class StagingArea {

    public static final String TOPWORDS_SCRIPT = "topwords.py";

    private final BlobServiceClient service;
    private final BlobContainerClient inputs;
    private final BlobContainerClient outputs;
    private final BlobContainerClient app;
    private final Duration sasLifetime;

    public StagingArea(BlobServiceClient service, String inputContainer, String outputContainer, String appContainer,
            Duration sasLifetime) {
        this.service = service;
        this.inputs = service.getBlobContainerClient(inputContainer);
        this.outputs = service.getBlobContainerClient(outputContainer);
        this.app = service.getBlobContainerClient(appContainer);
        this.sasLifetime = sasLifetime;
    }

    /** Creates the containers if missing and uploads the node scripts. */
    public void prepare() {
        for (BlobContainerClient container : List.of(inputs, outputs, app)) {
            container.createIfNotExists();
        }
        try (InputStream script = StagingArea.class.getResourceAsStream("/nodes/" + TOPWORDS_SCRIPT)) {
            byte[] bytes = script.readAllBytes();
            app.getBlobClient(TOPWORDS_SCRIPT).upload(new java.io.ByteArrayInputStream(bytes), bytes.length, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String inputContainerName() {
        return inputs.getBlobContainerName();
    }

    public static String inputBlobName(String taskId, String extension) {
        return taskId + "/" + WorkType.stagedInputName(extension);
    }

    /** Read-only SAS URL of one staged input blob. */
    public String inputReadUrl(String blobName) {
        return readUrl(inputs.getBlobClient(blobName));
    }

    /** Read-only SAS URL of a node script. */
    public String appScriptReadUrl(String name) {
        return readUrl(app.getBlobClient(name));
    }

    /** SAS URL of the results container allowing tasks to create and write blobs, nothing else. */
    public String outputWriteUrl() {
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry(),
                new BlobContainerSasPermission().setCreatePermission(true).setWritePermission(true));
        return outputs.getBlobContainerUrl() + "?" + outputs.generateSas(values);
    }

    public List<BlobItem> outputsOf(String taskId) {
        return outputs.listBlobs(new ListBlobsOptions().setPrefix(taskId + "/"), null).stream().toList();
    }

    public BlobClient outputBlob(String name) {
        return outputs.getBlobClient(name);
    }

    public boolean inputExists(String taskId, String extension) {
        return inputs.getBlobClient(inputBlobName(taskId, extension)).exists();
    }

    /** Removes what a task staged: its input and its uploaded results. */
    public void deleteStaged(String taskId, String extension) {
        for (BlobItem item : outputsOf(taskId)) {
            outputs.getBlobClient(item.getName()).deleteIfExists();
        }
        inputs.getBlobClient(inputBlobName(taskId, extension)).deleteIfExists();
    }

    public BlobServiceClient service() {
        return service;
    }

    private String readUrl(BlobClient blob) {
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry(), new BlobSasPermission().setReadPermission(true));
        return blob.getBlobUrl() + "?" + blob.generateSas(values);
    }

    private OffsetDateTime expiry() {
        return OffsetDateTime.now().plus(sasLifetime);
    }
}
