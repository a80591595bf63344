package io.batchroutes.component;

import io.batchroutes.testsupport.EmulatorExtension;
import java.util.List;

import com.microsoft.azure.batch.protocol.models.ImageInformation;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** listSupportedImages and the seeds' "latest verified image for this node agent" against the emulator. */
class AzureBatchSupportedImagesIT extends CamelTestSupport {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();

    private static String uri(String operation) {
        return EMULATOR.uri("images", "&operation=" + operation);
    }

    @Test
    void listsTheCatalogueAndFiltersIt() {
        List<?> all = template.requestBody(uri("listSupportedImages"), null, List.class);
        assertThat(all).hasSizeGreaterThan(2);

        List<?> verified = template.requestBody(uri("listSupportedImages") + "&filter=RAW(verificationType eq 'verified')", null,
                List.class);
        assertThat(verified).isNotEmpty().hasSizeLessThan(all.size())
                .allSatisfy(i -> assertThat(((ImageInformation) i).verificationType().toString()).isEqualTo("verified"));
    }

    @Test
    void picksTheLatestVerifiedStillSupportedUbuntu() {
        ImageInformation latest = template.requestBody(uri("latestSupportedImage") + "&nodeAgentSkuPrefix=batch.node.ubuntu", null,
                ImageInformation.class);
        assertThat(latest.nodeAgentSKUId()).isEqualTo("batch.node.ubuntu 22.04");
        assertThat(latest.imageReference().sku()).isEqualTo("22_04-lts");
    }
}
