package io.batchroutes.emulator;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** Azurite's blob service on a free loopback port, in memory, for tests. */
public final class AzuriteForTests implements AutoCloseable {
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private final Process process;
    private final int port;

    private AzuriteForTests(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static AzuriteForTests start() throws IOException {
        Path home = Path.of(System.getProperty("azurite.home", "/work/main"));
        Path main = home.resolve("node_modules/azurite/dist/src/blob/main.js");
        if (!Files.exists(main)) {
            throw new IllegalStateException("Azurite is not installed at " + main + " (run npm ci)");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path workspace = Files.createTempDirectory("azurite-test-");
        Process p = new ProcessBuilder(List.of("node", main.toString(), "--blobHost", "127.0.0.1", "--blobPort",
                String.valueOf(port), "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--loose"))
                .directory(workspace.toFile()).redirectErrorStream(true).redirectOutput(workspace.resolve("azurite.log").toFile()).start();
        AzuriteForTests azurite = new AzuriteForTests(p, port);
        Await.until("Azurite to listen on " + port, Duration.ofSeconds(30), () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("Azurite exited: " + Files.readString(workspace.resolve("azurite.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }, ok -> ok);
        return azurite;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=http://127.0.0.1:" + port + "/" + ACCOUNT + ";";
    }

    public BlobServiceClient client() {
        return new BlobServiceClientBuilder().connectionString(connectionString()).buildClient();
    }

    public BlobContainerClient container(String name) {
        BlobContainerClient c = client().getBlobContainerClient(name);
        if (!c.exists()) {
            c.create();
        }
        return c;
    }

    /** A container URL with a SAS allowing read, write, list and create for an hour. */
    static String sasUrl(BlobContainerClient container) {
        BlobContainerSasPermission perms = new BlobContainerSasPermission().setReadPermission(true)
                .setWritePermission(true).setListPermission(true).setCreatePermission(true).setAddPermission(true);
        String sas = container.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1), perms));
        return container.getBlobContainerUrl() + "?" + sas;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
