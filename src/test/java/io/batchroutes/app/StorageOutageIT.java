package io.batchroutes.app;

import io.batchroutes.app.local.AzuriteServer;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, finding 6: Azurite killed (SIGKILL) under a running daemon while files are in flight. The daemon
 * starts it again with its data on the same port; every file ends exactly once, without restarting the daemon,
 * and health is UP again.
 */
class StorageOutageIT {

    private static final int FILES = 20;

    @TempDir
    Path home;

    @Test
    void azuriteKilledMidRunIsRestartedAndEveryFileEndsOnce() throws Exception {
        try (JarDaemon daemon = JarDaemon.start(home, "outage", Map.of(), Map.of())) {
            daemon.drop("before.txt", "warm up\n");
            Await.until("the pipeline works", Duration.ofSeconds(60), () -> Files.exists(daemon.done("before.txt")));

            List<String> names = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                names.add("during-" + i + ".txt");
                daemon.drop(names.get(i), "patient words words\n");
            }
            Path pidFile = home.resolve(".batch-routes-outage/azurite/azurite.pid");
            ProcessHandle azurite = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
            // Azurite saves its metadata every 5 s (LokiJS autosave): killed before it saved the containers, it comes
            // back without them (ContainerNotFound for good; 1 run in 5 here). A real outage hits a store that has them.
            Path metadata = home.resolve(".batch-routes-outage/azurite/__azurite_db_blob__.json");
            Await.until("Azurite saved its containers", Duration.ofSeconds(30), () -> saved(metadata, "batchroutes-input-g")
                    && saved(metadata, "batchroutes-output-g") && saved(metadata, "batchroutes-app"));
            Await.until("files in flight", Duration.ofSeconds(60), () -> count(daemon.input.resolve("processing")) > 0);
            azurite.destroyForcibly();
            Await.until("Azurite gone", Duration.ofSeconds(20), () -> !azurite.isAlive());

            Await.until("Azurite restarted by the daemon", Duration.ofSeconds(60),
                    () -> daemon.count("Azurite restarted on port") == 1);
            assertThat(daemon.logText()).contains("Azurite (pid " + azurite.pid() + ") exited");
            Await.until("every file ended", Duration.ofSeconds(180), () -> names.stream()
                    .allMatch(n -> Files.exists(daemon.done(n)) || Files.exists(daemon.failed(n))));

            List<String> failed = names.stream().filter(n -> Files.exists(daemon.failed(n))).toList();
            for (String name : names) {
                assertThat(Files.exists(daemon.done(name)) && Files.exists(daemon.failed(name))).as(name + " ended twice").isFalse();
                if (Files.exists(daemon.done(name))) {
                    assertThat(Files.readString(daemon.output.resolve(WorkType.stem(name) + "_OUTPUT.txt")))
                            .isEqualTo("words 2\npatient 1\n");
                }
            }
            // The node agent retries its downloads and uploads through the outage (no BlobDownloadMiscError any more).
            // What can still fail: a file whose input (BlobNotFound) or result ("uploaded no result") Azurite had
            // acknowledged in its last 5 s before SIGKILL and lost with it (it saves its blob metadata every 5 s); for a
            // file that ran in a bundle, a lost result reads "left neither a result ... nor a reason.txt for it".
            for (String name : failed) {
                assertThat(Files.readString(daemon.reason(name)))
                        .containsPattern("BlobNotFound|uploaded no result|left neither a result");
            }
            System.out.printf("StorageOutageIT: %d of %d files failed mid-outage: %s%n", failed.size(), FILES, failed);
            // How many: those staged (or finished) in Azurite's last 5 s, 0 to 11 of 20 in ten runs, by timing alone.
            assertThat(failed.size()).as("failed: " + failed).isLessThan(FILES);
            assertThat(count(daemon.output)).isEqualTo(1 + FILES - failed.size());
            assertThat(count(daemon.input.resolve("processing"))).isZero();
            Await.until("health UP", Duration.ofSeconds(30), () -> health(daemon) == 200);
        }
    }

    private static boolean saved(Path metadata, String container) {
        try {
            // A container name, or the start of one (a staging generation's).
            return Files.readString(metadata).contains("\"" + container);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static int health(JarDaemon daemon) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + daemon.managementPort + "/observe/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static long count(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
