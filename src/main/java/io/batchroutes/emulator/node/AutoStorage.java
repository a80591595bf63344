package io.batchroutes.emulator.node;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The storage account linked to the Batch account ("auto-storage"). A resource file naming
 * {@code autoStorageContainerName} is read through a short-lived read+list SAS on that container, the way the node
 * agent is handed access by the service.
 */
public final class AutoStorage {
    private static final Duration SAS_LIFETIME = Duration.ofHours(1);

    private final BlobServiceClient service;

    public AutoStorage(String connectionString) {
        this.service = new BlobServiceClientBuilder().connectionString(connectionString).buildClient();
    }

    /** The container's URL with a read+list SAS, usable as a resource file's {@code storageContainerUrl}. */
    public String containerUrl(String containerName) {
        BlobContainerClient container = service.getBlobContainerClient(containerName);
        String sas = container.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plus(SAS_LIFETIME),
                BlobContainerSasPermission.parse("rl")));
        return container.getBlobContainerUrl() + "?" + sas;
    }
}
