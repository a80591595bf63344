package io.batchroutes.emulator.service;

import java.util.List;

import io.batchroutes.emulator.model.ImageInformation;

/**
 * Account-level facts. The supported images are a small fixed catalogue (the emulator runs every image the same
 * way, on this machine), enough for clients that pick "the latest verified image for a node agent".
 */
public final class AccountService {

    private static final List<String[]> CATALOGUE = List.of(
            // nodeAgentSKUId, publisher, offer, sku, verification, end of life
            new String[] {"batch.node.ubuntu 22.04", "canonical", "0001-com-ubuntu-server-jammy", "22_04-lts", "verified", "2027-04-30T00:00:00Z"},
            new String[] {"batch.node.ubuntu 20.04", "canonical", "0001-com-ubuntu-server-focal", "20_04-lts", "verified", "2025-04-23T00:00:00Z"},
            new String[] {"batch.node.ubuntu 24.04", "canonical", "ubuntu-24_04-lts", "server", "unverified", null},
            new String[] {"batch.node.debian 12", "debian", "debian-12", "12", "verified", "2028-06-30T00:00:00Z"});

    public List<ImageInformation> supportedImages() {
        return CATALOGUE.stream().map(AccountService::image).toList();
    }

    private static ImageInformation image(String[] row) {
        ImageInformation image = new ImageInformation();
        image.nodeAgentSKUId = row[0];
        image.imageReference = new ImageInformation.ImageReference();
        image.imageReference.publisher = row[1];
        image.imageReference.offer = row[2];
        image.imageReference.sku = row[3];
        image.imageReference.version = "latest";
        image.osType = "linux";
        image.capabilities = List.of();
        image.verificationType = row[4];
        image.batchSupportEndOfLife = row[5];
        return image;
    }
}
