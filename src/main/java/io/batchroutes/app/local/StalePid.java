package io.batchroutes.app.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process a killed daemon (kill -9) could not stop still holds its data folder; the next start ends it
 * first, identified by the pid it recorded and its command line, so two never share one folder.
 */
final class StalePid {

    private static final Logger LOG = LoggerFactory.getLogger(StalePid.class);

    private StalePid() {
    }

    static void killLeftover(Path pidFile, String commandMarker) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        String text = Files.readString(pidFile).strip();
        Files.delete(pidFile);
        long pid;
        try {
            pid = Long.parseLong(text);
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(p -> p.info().commandLine().map(c -> c.contains(commandMarker)).orElse(false))
                .ifPresent(leftover -> {
                    LOG.warn("Stopping {} (pid {}) left over from an earlier run", commandMarker, pid);
                    leftover.destroy();
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    while (leftover.isAlive() && System.nanoTime() < deadline) {
                        Waits.pause(Duration.ofMillis(50));
                    }
                    leftover.destroyForcibly();
                    // Its ports must be free before they are chosen again (FreePort.sticky).
                    try {
                        leftover.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        LOG.warn("{} (pid {}) did not exit within 5 s of SIGKILL", commandMarker, pid);
                    }
                });
    }
}
