package io.batchroutes.app.staging;

import java.time.Duration;
import java.util.Map;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobServiceClient;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: blob storage answers (the staging area every file goes through). */
public final class StorageHealthCheck extends AbstractHealthCheck {

    private final BlobServiceClient storage;

    public StorageHealthCheck(BlobServiceClient storage) {
        super("batchroutes", "blob-storage");
        this.storage = storage;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            storage.getPropertiesWithResponse(Duration.ofSeconds(5), Context.NONE);
            builder.detail("account", storage.getAccountName()).up();
        } catch (RuntimeException e) {
            builder.message("Blob storage does not answer: " + e.getClass().getSimpleName()).error(e).down();
        }
    }
}
