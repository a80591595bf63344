package io.batchroutes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.batchroutes.testsupport.Await;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 mid-bundle: the daemon dies while a bundle runs; started again on the same folders and data it re-attaches
 * the bundle from its manifest, submits none of its files on their own, and every file ends exactly once with its
 * result. (The embedded emulator died with the daemon, so it runs the bundle again, as Batch requeues a task whose
 * node went away: the same task, never a second one.)
 */
class BundleRestartIT {

    @TempDir
    Path home;

    @ParameterizedTest(name = "archived: {0}")
    @ValueSource(booleans = {false, true})
    void aBundleRunningWhenTheDaemonIsKilledIsReattachedAndNoFileRunsInASecondTask(boolean archived) throws Exception {
        Path gate = home.resolve("gate");
        Path hold = Path.of(gate + ".hold");
        Files.createFile(hold);
        List<String> names = new ArrayList<>();
        JarDaemon first = JarDaemon.start(home, "restart", Map.of(), BundlesIT.bundledType(gate, archived));
        try {
            for (int i = 0; i < 10; i++) {
                names.add("f-" + i + ".dat");
                first.drop("f-" + i + ".dat", "file " + i + "\n");
            }
            Path started = Path.of(gate + ".started");
            Await.until("a task started", Duration.ofMinutes(2), () -> Files.exists(started));
            Await.until("bundles formed", Duration.ofMinutes(1), () -> first.count("Bundled ") > 0);
            Await.until("every file staged and submitted", Duration.ofMinutes(1),
                    () -> first.count("Staged ") == 10 && first.count("Submitted ") > 0);
        } finally {
            first.crash();
        }
        try {
            Files.delete(hold);
            try (JarDaemon second = JarDaemon.start(home, "restart", Map.of(), BundlesIT.bundledType(gate, archived))) {
                Await.until("every file ended", Duration.ofMinutes(2), () -> names.stream()
                        .allMatch(n -> Files.exists(second.done(n)) || Files.exists(second.failed(n))));
                assertThat(second.count("in bundles)")).as("re-attached with its bundles").isPositive();
                Map<String, Set<String>> runs = BundlesIT.tasksPerFile(gate);
                for (int i = 0; i < 10; i++) {
                    assertThat(second.done("f-" + i + ".dat")).exists();
                    assertThat(Files.readString(second.output.resolve("f-" + i + ".out"))).isEqualTo("FILE " + i + "\n");
                    assertThat(runs.get("file " + i)).as("file %d ran in one task only: %s", i, runs).hasSize(1);
                }
                assertThat(BundlesIT.listNames(second.input.resolve("processing"))).isEmpty();
                // The manifest goes once the bundle's last file was collected, a moment after that file ended.
                Await.until("the bundle's manifest deleted", Duration.ofSeconds(30),
                        () -> BundlesIT.listNames(second.input.resolve("processing/.bundles")), List::isEmpty);
            }
        } finally {
            first.stopLeftovers();
        }
    }
}
