package io.batchroutes.component.operations;

import java.util.List;

import com.microsoft.azure.batch.protocol.models.ImageInformation;
import com.microsoft.azure.batch.protocol.models.ImageReference;
import com.microsoft.azure.batch.protocol.models.OSType;
import com.microsoft.azure.batch.protocol.models.VerificationType;
import org.joda.time.DateTime;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SupportedImagesTest {

    private static final DateTime NOW = DateTime.parse("2026-11-22T00:00:00Z");

    private static ImageInformation image(String sku, String imageSku, VerificationType verification, String endOfLife) {
        return new ImageInformation().withNodeAgentSKUId(sku).withOsType(OSType.LINUX).withVerificationType(verification)
                .withImageReference(new ImageReference().withPublisher("canonical").withOffer("ubuntu").withSku(imageSku))
                .withBatchSupportEndOfLife(endOfLife == null ? null : DateTime.parse(endOfLife));
    }

    @Test
    void picksTheNewestVerifiedSupportedUbuntu() {
        List<ImageInformation> images = List.of(
                image("batch.node.ubuntu 20.04", "20_04-lts", VerificationType.VERIFIED, "2025-04-23T00:00:00Z"),
                image("batch.node.ubuntu 22.04", "22_04-lts", VerificationType.VERIFIED, null),
                image("batch.node.ubuntu 24.04", "24_04-lts", VerificationType.UNVERIFIED, null),
                image("batch.node.windows amd64", "2022-datacenter", VerificationType.VERIFIED, null));

        assertThat(SupportedImages.latestVerified(images, "batch.node.ubuntu", NOW))
                .get().extracting(ImageInformation::nodeAgentSKUId).isEqualTo("batch.node.ubuntu 22.04");
        assertThat(SupportedImages.latestVerified(images, "batch.node.centos", NOW)).isEmpty();
    }

    @Test
    void comparesVersionsAsNumbers() {
        assertThat(SupportedImages.compareNatural("ubuntu 9.10", "ubuntu 22.04")).isNegative();
        assertThat(SupportedImages.compareNatural("22_04-lts", "22_04-lts-gen2")).isNegative();
        assertThat(SupportedImages.compareNatural("a", "a")).isZero();
    }
}
