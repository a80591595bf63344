package io.batchroutes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.batchroutes.testsupport.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Back-pressure: with {@code batchroutes.ingest.max-in-flight} files staged and not done, the input folder is not
 * scanned; the other files wait there untouched and are taken as the first ones end. The tasks are held (the test
 * type waits while its gate's hold file exists), so nothing ends until the test lets it.
 */
class IngestLimitIT {

    @TempDir
    Path home;

    @Test
    void filesBeyondTheLimitWaitInTheFolderUntilSomeAreDone() throws Exception {
        Path gate = home.resolve("gate");
        Path hold = Files.createFile(Path.of(gate + ".hold"));
        Map<String, String> settings = new HashMap<>(BundlesIT.bundledType(gate, false));
        settings.put("batchroutes.ingest.max-in-flight", "3");
        settings.put("batchroutes.input.max-per-scan", "2");
        try (JarDaemon daemon = JarDaemon.start(home, "limit", Map.of(), settings)) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                names.add("w-" + i + ".dat");
                daemon.drop("w-" + i + ".dat", "wait " + i + "\n");
            }
            Await.until("the limit reached", Duration.ofMinutes(1), () -> daemon.count("new files wait in the input folder") > 0);
            // No scan now: exactly the limit was taken (a scan takes no more than the room left), the rest wait.
            Await.until("the limit staged", Duration.ofMinutes(1),
                    () -> BundlesIT.listNames(daemon.input.resolve("processing")).size(), staged -> staged >= 3);
            assertThat(BundlesIT.listNames(daemon.input.resolve("processing")).size()).isEqualTo(3);
            assertThat(BundlesIT.listNames(daemon.input).size()).isEqualTo(7);
            Files.delete(hold);
            Await.until("all ten done", Duration.ofMinutes(2), () -> names.stream().allMatch(n -> Files.exists(daemon.done(n))));
            assertThat(daemon.count("taking new files again")).isPositive();
            for (int i = 0; i < 10; i++) {
                assertThat(Files.readString(daemon.output.resolve("w-" + i + ".out"))).isEqualTo("WAIT " + i + "\n");
            }
        }
    }
}
