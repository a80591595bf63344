package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import io.batchroutes.app.local.AzuriteServer;
import io.batchroutes.app.worktype.WorkType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Blob storage gone for 30 s: files dropped meanwhile wait and go through once it is back; none fails. */
class StorageOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("outage.seconds", 30));

    @TempDir
    Path home;

    @Test
    void filesWaitForStorageAndGoThrough() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(home, Map.of())) {
            daemon.drop("before.txt", "warm up\n");
            Await.until("the pipeline works", Duration.ofSeconds(60), () -> Files.exists(daemon.output.resolve("before_OUTPUT.txt")));

            Path azuriteData = home.resolve(".batch-routes/azurite");
            ProcessHandle azurite = ProcessHandle.of(Long.parseLong(Files.readString(azuriteData.resolve("azurite.pid")).strip()))
                    .orElseThrow();
            azurite.destroy();
            Await.until("Azurite down", Duration.ofSeconds(20), () -> !azurite.isAlive());

            List<String> names = List.of("during-1.txt", "during-2.txt", "during-3.txt");
            for (String name : names) {
                daemon.drop(name, "patient words words\n");
            }
            // The outage itself is the scenario: storage stays away for this long, whatever the daemon does.
            Thread.sleep(OUTAGE.toMillis());
            assertThat(daemon.input.resolve("failed")).as("nothing failed during the outage").doesNotExist();

            try (AzuriteServer back = AzuriteServer.start(Path.of(System.getProperty("azurite.home", ".")), azuriteData,
                    Duration.ofSeconds(60))) {
                Await.until("the files dropped during the outage", Duration.ofSeconds(120), () -> names.stream()
                        .allMatch(n -> Files.exists(daemon.done(n))));
                for (String name : names) {
                    assertThat(Files.readString(daemon.output.resolve(WorkType.stem(name) + "_OUTPUT.txt"))).isEqualTo("words 2\npatient 1\n");
                }
                assertThat(daemon.input.resolve("failed")).doesNotExist();
            }
        }
    }
}
