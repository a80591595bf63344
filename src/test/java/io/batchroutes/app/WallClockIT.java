package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task that runs longer than its work type's wall-clock limit is killed, with everything it started, and its
 * input fails with Batch's reason instead of waiting for the command to end.
 */
class WallClockIT {

    @TempDir
    Path home;

    @Test
    void aTaskOverItsWallClockLimitIsKilledAndItsFileFailsWithTheReason() throws Exception {
        // A duration no other process on this machine sleeps for: it finds the task's processes afterwards.
        String sleep = "sleep 29." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        Map<String, String> config = Map.of(
                "batchroutes.work-types", "topwords,slow",
                "batchroutes.work-type.slow.extensions", "slow",
                // a child in the background too: the whole process tree must go, not only the task's own process
                "batchroutes.work-type.slow.command", "/bin/sh -c '" + sleep + " & exec " + sleep + "'",
                "batchroutes.work-type.slow.outputs", "result.txt",
                "batchroutes.work-type.slow.output-name", "{stem}.result.txt",
                "batchroutes.work-type.slow.requires", "sleep",
                "batchroutes.work-type.slow.max-wall-clock", "PT2S");
        try (RunningDaemon daemon = RunningDaemon.start(home, config)) {
            daemon.drop("forever.slow", "zzz\n");
            Await.until("the task started", Duration.ofSeconds(30), () -> running(sleep) > 0);

            Await.until("forever.slow failed", Duration.ofSeconds(20),
                    () -> Files.exists(daemon.failed("forever.slow")) && Files.exists(daemon.reason("forever.slow")));

            assertThat(Files.readString(daemon.reason("forever.slow")))
                    .contains("failure: TaskEnded")
                    .contains("maximum wall clock time (PT2S)");
            assertThat(daemon.output.resolve("forever.result.txt")).doesNotExist();
            assertThat(running(sleep)).as("processes of the task still running").isZero();
        }
    }

    private static long running(String commandLine) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(commandLine)).count();
    }
}
