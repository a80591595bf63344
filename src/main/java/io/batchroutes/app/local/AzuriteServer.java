package io.batchroutes.app.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azurite's blob service as a child process on a free loopback port, for the local profile. Azurite is the
 * version pinned by the project's package.json and lock, installed into {@code node_modules} by the build.
 */
public final class AzuriteServer implements AutoCloseable {

    /** Azurite's well-known development account; its key is public and documented by Microsoft. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final String PID_FILE = "azurite.pid";
    private static final String MAIN_SCRIPT = "node_modules/azurite/dist/src/blob/main.js";
    private static final Logger LOG = LoggerFactory.getLogger(AzuriteServer.class);

    private final Process process;
    private final int port;

    private AzuriteServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts Azurite with its blobs under {@code dataDir} and waits until it accepts connections.
     *
     * @param home the folder whose {@code node_modules} holds Azurite (the project folder the jar was built in)
     */
    public static AzuriteServer start(Path home, Path dataDir, Duration timeout) throws IOException {
        Path script = home.resolve(MAIN_SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("Azurite is not installed at " + script + ". Build the project with Node.js 20+ and npm "
                    + "on the PATH (mvn package runs 'npm ci'), set batchroutes.local.azurite-home to a folder holding "
                    + "node_modules/azurite, or point batchroutes.storage.connection-string at a real storage account "
                    + "with batchroutes.profile=azure.");
        }
        String node = NodeJs.locate();
        Files.createDirectories(dataDir);
        StalePid.killLeftover(dataDir.resolve(PID_FILE), "azurite");
        int port = FreePort.sticky(dataDir.resolve("azurite.port"));
        ProcessBuilder builder = new ProcessBuilder(List.of(node, script.toString(),
                "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port),
                // --silent: no access-log line per request (CPU per request, and azurite.log grew with every file).
                "--location", dataDir.toString(), "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent"))
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("azurite.log").toFile());
        Process process = builder.start();
        Files.writeString(dataDir.resolve(PID_FILE), Long.toString(process.pid()));
        AzuriteServer server = new AzuriteServer(process, port);
        try {
            server.awaitListening(timeout);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("Azurite blob service on {} (data in {})", server.blobEndpoint(), dataDir);
        return server;
    }

    public String blobEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY + ";BlobEndpoint=" + blobEndpoint() + ";";
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited with code " + process.exitValue() + " at start; see azurite.log in its data folder");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Waits.pause(Duration.ofMillis(50));
            }
        }
        throw new IllegalStateException("Azurite did not listen on port " + port + " within " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
