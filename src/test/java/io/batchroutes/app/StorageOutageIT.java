package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import io.batchroutes.app.local.AzuriteServer;
import io.batchroutes.app.worktype.WorkType;
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
            // A task that was downloading its input or uploading its result at the very moment storage died fails
            // with Batch's reason (BlobDownloadMiscError; raise max-retries to have Batch run it again); nothing
            // else may fail.
            for (String name : failed) {
                assertThat(Files.readString(daemon.reason(name))).containsPattern("Blob(Download|Upload)|FileUpload");
            }
            assertThat(failed.size()).as("failed: " + failed).isLessThanOrEqualTo(FILES / 2);
            assertThat(count(daemon.output)).isEqualTo(1 + FILES - failed.size());
            assertThat(count(daemon.input.resolve("processing"))).isZero();
            Await.until("health UP", Duration.ofSeconds(30), () -> health(daemon) == 200);
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
