package io.batchroutes.app.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the local profile's Azurite running: if its process ends while the daemon runs (killed, crashed), it is
 * started again with the same data, port and key, so the blob client, the staged blobs and every SAS URL handed
 * out stay valid. Meanwhile blob storage does not answer (health DOWN, staging and collecting retry); each exit
 * and restart is one log line.
 */
public final class AzuriteSupervisor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AzuriteSupervisor.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Path home;
    private final Path dataDir;
    private final String key;
    private final int port;
    private final Duration startTimeout;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "azurite-supervisor");
        t.setDaemon(true);
        return t;
    });
    private volatile AzuriteServer current;
    private volatile boolean closing;
    private volatile int restartCount;

    private AzuriteSupervisor(Path home, Path dataDir, String key, int port, Duration startTimeout, AzuriteServer first) {
        this.home = home;
        this.dataDir = dataDir;
        this.key = key;
        this.port = port;
        this.startTimeout = startTimeout;
        this.current = first;
    }

    /** Starts Azurite (failing if it cannot start at all) and watches it from then on. */
    public static AzuriteSupervisor start(Path home, Path dataDir, String key, Duration startTimeout) throws IOException {
        PrivateFiles.directory(dataDir);
        int port = AzuriteServer.stickyPort(dataDir);
        AzuriteServer first = AzuriteServer.start(home, dataDir, key, port, startTimeout);
        AzuriteSupervisor supervisor = new AzuriteSupervisor(home, dataDir, key, port, startTimeout, first);
        supervisor.watch(first);
        return supervisor;
    }

    public String connectionString() {
        return current.connectionString();
    }

    /** How often Azurite was started again since the daemon started. */
    public int restartCount() {
        return restartCount;
    }

    private void watch(AzuriteServer server) {
        server.process().onExit().thenAccept(process -> {
            if (!closing) {
                LOG.warn("Azurite (pid {}) exited with code {}; blob storage is down, restarting it on port {} with its data",
                        process.pid(), process.exitValue(), port);
                schedule(FIRST_RETRY);
            }
        });
    }

    private void schedule(Duration delay) {
        try {
            restarts.schedule(() -> restart(delay), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closing: nothing to restart
        }
    }

    private void restart(Duration lastDelay) {
        if (closing) {
            return;
        }
        try {
            AzuriteServer server = AzuriteServer.start(home, dataDir, key, port, startTimeout);
            if (closing) {
                server.close();
                return;
            }
            current = server;
            restartCount++;
            LOG.warn("Azurite restarted on port {} (pid {}); blob storage is back", port, server.process().pid());
            watch(server);
        } catch (IOException | RuntimeException e) {
            Duration next = lastDelay.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : lastDelay.multipliedBy(2);
            LOG.warn("Azurite could not be restarted ({}); trying again in {} s", e.getMessage(), next.toSeconds());
            schedule(next);
        }
    }

    @Override
    public void close() {
        closing = true;
        restarts.shutdownNow();
        try {
            restarts.awaitTermination(startTimeout.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.close();
    }
}
