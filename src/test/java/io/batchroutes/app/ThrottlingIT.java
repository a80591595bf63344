package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import io.batchroutes.app.folder.InputFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch throttles: the daemon's embedded emulator answers 30 % of requests with 429 TooManyRequests and
 * Retry-After. The routes' redelivery (the one retry layer) and the next polls try again; every file still succeeds.
 */
class ThrottlingIT {

    private static final int FILES = 12;

    @TempDir
    Path home;

    @Test
    void throttledRequestsAreRetriedAndEveryFileSucceeds() throws Exception {
        Map<String, String> throttled = Map.of("BATCH_EMULATOR_FAULT_STATUS", "429", "BATCH_EMULATOR_FAULT_RATE", "0.3");
        try (JarDaemon daemon = JarDaemon.start(home, "throttling", throttled, Map.of())) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                names.add("throttled-" + i + ".txt");
                daemon.drop(names.get(i), "slow down ".repeat(i + 1) + "down\n");
            }

            Await.until("every file settled", Duration.ofSeconds(50), () -> names.stream()
                    .allMatch(n -> Files.exists(daemon.done(n)) || Files.exists(daemon.failed(n))));

            assertThat(daemon.input.resolve(InputFolder.FAILED)).as("nothing failed").doesNotExist();
            for (int i = 0; i < FILES; i++) {
                assertThat(Files.readString(daemon.output.resolve("throttled-" + i + "_OUTPUT.txt")))
                        .isEqualTo("down " + (i + 2) + "\nslow " + (i + 1) + "\n");
            }
            assertThat(daemon.count("answered 429")).as("429s injected:\n" + daemon.logText()).isPositive();
            assertThat(daemon.logText()).doesNotContain("Could not collect").doesNotContain("cannot start");
        }
    }
}
