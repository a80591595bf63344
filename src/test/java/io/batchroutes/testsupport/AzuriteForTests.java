package io.batchroutes.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.stream.Stream;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.batchroutes.app.local.AzuriteServer;
import io.batchroutes.app.local.LocalServices;

/**
 * Azurite's blob service for tests, started exactly as the daemon's local profile starts it ({@link AzuriteServer}:
 * the pinned Azurite, a free loopback port), with its data in a fresh temporary folder removed on close. Azurite is
 * found where the build installed it: the {@code azurite.home} system property (failsafe sets it), else the folder
 * recorded at build time.
 */
public final class AzuriteForTests implements AutoCloseable {

    public static final String ACCOUNT = AzuriteServer.ACCOUNT;
    public static final String KEY = AzuriteServer.KEY;

    private final AzuriteServer server;
    private final Path dataDir;

    private AzuriteForTests(AzuriteServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    public static AzuriteForTests start() throws IOException {
        Path dataDir = Files.createTempDirectory("azurite-test-");
        return new AzuriteForTests(AzuriteServer.start(home(), dataDir, Duration.ofSeconds(60)), dataDir);
    }

    /** Where Azurite is installed (a folder holding {@code node_modules/azurite}). */
    public static Path home() {
        String configured = System.getProperty("azurite.home");
        return configured != null && !configured.isBlank() ? Path.of(configured) : LocalServices.defaultAzuriteHome();
    }

    public String connectionString() {
        return server.connectionString();
    }

    public BlobServiceClient client() {
        return new BlobServiceClientBuilder().connectionString(connectionString()).buildClient();
    }

    /** The container, created if missing. */
    public BlobContainerClient container(String name) {
        BlobContainerClient c = client().getBlobContainerClient(name);
        c.createIfNotExists();
        return c;
    }

    /** A container URL with a SAS allowing read, write, list and create for an hour. */
    public static String sasUrl(BlobContainerClient container) {
        BlobContainerSasPermission perms = new BlobContainerSasPermission().setReadPermission(true)
                .setWritePermission(true).setListPermission(true).setCreatePermission(true).setAddPermission(true);
        String sas = container.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1), perms));
        return container.getBlobContainerUrl() + "?" + sas;
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
