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

    /**
     * The account's name. Azurite's well-known development account has this name too, with a key that is public
     * and documented by Microsoft; the local profile gives it a random key ({@code AZURITE_ACCOUNTS}), which
     * replaces the well-known account (Azurite then knows only the accounts listed there).
     */
    public static final String ACCOUNT = "devstoreaccount1";
    /** The published key of Azurite's development account: only for tests and the azure profile's demos. */
    public static final String KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final String PID_FILE = "azurite.pid";
    private static final String MAIN_SCRIPT = "node_modules/azurite/dist/src/blob/main.js";
    private static final Logger LOG = LoggerFactory.getLogger(AzuriteServer.class);

    /** Azurite's environment variable listing its accounts as {@code name:base64key[;...]}. */
    static final String ACCOUNTS_ENV = "AZURITE_ACCOUNTS";
    /** Run before Azurite's own code: everything it writes (blobs, its database, its log) is readable by us only. */
    private static final String UMASK_PRELOAD = "process.umask(0o077);\n";

    private final Process process;
    private final int port;
    private final String key;

    private AzuriteServer(Process process, int port, String key) {
        this.process = process;
        this.port = port;
        this.key = key;
    }

    /** Starts Azurite with the published development key, on the port recorded in its data folder (tests, demos). */
    public static AzuriteServer start(Path home, Path dataDir, Duration timeout) throws IOException {
        Files.createDirectories(dataDir);
        return start(home, dataDir, KEY, stickyPort(dataDir), timeout);
    }

    /**
     * The port Azurite had in this data folder, once an Azurite left over from a killed run has been stopped: while
     * it still holds the port, the port is not free and a new one would be picked, breaking every SAS URL handed out
     * before (a pool's start task among them).
     */
    static int stickyPort(Path dataDir) throws IOException {
        StalePid.killLeftover(dataDir.resolve(PID_FILE), "azurite");
        return FreePort.sticky(dataDir.resolve("azurite.port"));
    }

    /**
     * Starts Azurite with its blobs under {@code dataDir} and waits until it accepts connections.
     *
     * @param home the folder whose {@code node_modules} holds Azurite (the project folder the jar was built in)
     */
    public static AzuriteServer start(Path home, Path dataDir, String key, int port, Duration timeout) throws IOException {
        Path script = home.resolve(MAIN_SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("Azurite is not installed at " + script + ". Build the project with Node.js 20+ and npm "
                    + "on the PATH (mvn package runs 'npm ci'), set batchroutes.local.azurite-home to a folder holding "
                    + "node_modules/azurite, or point batchroutes.storage.connection-string at a real storage account "
                    + "with batchroutes.profile=azure.");
        }
        String node = NodeJs.locate();
        PrivateFiles.directory(dataDir);
        StalePid.killLeftover(dataDir.resolve(PID_FILE), "azurite");
        Path umask = dataDir.resolve("umask.cjs");
        PrivateFiles.write(umask, UMASK_PRELOAD);
        ProcessBuilder builder = new ProcessBuilder(List.of(node, "--require", umask.toString(), script.toString(),
                "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(port),
                // --silent: no access-log line per request (CPU per request, and azurite.log grew with every file).
                "--location", dataDir.toString(), "--disableTelemetry", "--skipApiVersionCheck", "--loose", "--silent"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(PrivateFiles.file(dataDir.resolve("azurite.log")).toFile()));
        // The key goes into the environment (only this user and root can read /proc/<pid>/environ), never argv.
        builder.environment().put(ACCOUNTS_ENV, ACCOUNT + ":" + key);
        Process process = builder.start();
        PrivateFiles.write(dataDir.resolve(PID_FILE), Long.toString(process.pid()));
        AzuriteServer server = new AzuriteServer(process, port, key);
        try {
            server.awaitListening(timeout);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("Azurite blob service on {} (data in {}, pid {})", server.blobEndpoint(), dataDir, process.pid());
        return server;
    }

    /** The running process, so a supervisor can notice it ending. */
    Process process() {
        return process;
    }

    int port() {
        return port;
    }

    public String blobEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + key + ";BlobEndpoint=" + blobEndpoint() + ";";
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
