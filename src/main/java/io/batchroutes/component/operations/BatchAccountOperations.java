package io.batchroutes.component.operations;

import java.util.List;

import com.microsoft.azure.batch.protocol.models.ImageInformation;
import io.batchroutes.component.AzureBatchConfigurationOptionsProxy;
import io.batchroutes.component.AzureBatchOperations;
import io.batchroutes.component.client.BatchClientWrapper;
import org.apache.camel.Exchange;
import org.joda.time.DateTime;

import static io.batchroutes.component.AzureBatchConfigurationOptionsProxy.required;

/**
 * Account-level operations.
 */
public class BatchAccountOperations {

    private final AzureBatchConfigurationOptionsProxy options;
    private final BatchClientWrapper client;

    public BatchAccountOperations(AzureBatchConfigurationOptionsProxy options, BatchClientWrapper client) {
        this.options = options;
        this.client = client;
    }

    public AzureBatchOperationResponse listSupportedImages(Exchange exchange) throws Exception {
        return AzureBatchOperationResponse.of(client.listSupportedImages(options.getFilter(exchange), options.getMaxResults()));
    }

    public AzureBatchOperationResponse latestSupportedImage(Exchange exchange) throws Exception {
        String prefix = required(options.getNodeAgentSkuPrefix(exchange), "a nodeAgentSkuPrefix",
                AzureBatchOperations.latestSupportedImage);
        List<ImageInformation> images = client.listSupportedImages(options.getFilter(exchange), options.getMaxResults());
        ImageInformation image = SupportedImages.latestVerified(images, prefix, DateTime.now())
                .orElseThrow(() -> new IllegalStateException(
                        "latestSupportedImage: the account supports no verified image for node agent SKU " + prefix + "*"));
        return AzureBatchOperationResponse.of(image);
    }
}
