package io.batchroutes.app.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobStorageException;
import io.batchroutes.component.AzureBatchConstants;
import io.batchroutes.testsupport.AzuriteForTests;
import org.apache.camel.Exchange;
import org.apache.camel.component.azure.storage.blob.BlobConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Against real Azurite: an upload into a generation whose container is gone is tried again in a new generation. */
class LostGenerationIT {

    @Test
    void theNextTryOfAnUploadIntoALostGenerationGoesToANewOne() throws Exception {
        try (AzuriteForTests azurite = AzuriteForTests.start()) {
            BlobServiceClient storage = azurite.client();
            StagingArea staging = new StagingArea(storage, "inputs", "outputs", "appfiles", Duration.ofHours(1),
                    List.of(), new BlobDeletions(storage), 250, Set::of);
            String lost = staging.inputContainerFor("f-1");
            storage.getBlobContainerClient(lost).delete(); // as Azurite, killed before it saved it
            BlobStorageException refused = catchThrowableOfType(() -> storage.getBlobContainerClient(lost)
                    .getBlobClient("f-1/input.txt").upload(BinaryData.fromString("x")), BlobStorageException.class);

            Exchange exchange = new DefaultExchange(new DefaultCamelContext());
            exchange.getIn().setHeader(AzureBatchConstants.TASK_ID, "f-1");
            exchange.getIn().setHeader(BlobConstants.BLOB_CONTAINER_NAME, lost);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, refused);
            staging.beforeUploadAgain(exchange);

            String again = exchange.getIn().getHeader(BlobConstants.BLOB_CONTAINER_NAME, String.class);
            assertThat(again).startsWith("inputs-g").isNotEqualTo(lost);
            storage.getBlobContainerClient(again).getBlobClient("f-1/input.txt").upload(BinaryData.fromString("x"));
            assertThat(staging.inputContainerFor("f-2")).as("later files too").isEqualTo(again);
            assertThat(staging.outputContainerOf("f-1")).isEqualTo(again.replace("inputs-", "outputs-"));
        }
    }
}
