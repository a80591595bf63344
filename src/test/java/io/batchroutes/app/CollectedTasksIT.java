package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a long-running daemon keeps: nothing of a file once it is collected. Its task is deleted from the job (the
 * job, the service's memory and the emulator's state hold only tasks in flight) and its staged blobs are gone.
 */
class CollectedTasksIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @Test
    void collectedTasksAndTheirBlobsAreDeletedSucceededOrFailed() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(home, Map.of())) {
            List<String> texts = List.of("one.txt", "two.txt", "three.txt");
            for (String name : texts) {
                daemon.drop(name, "volume volume " + name + "\n");
            }
            daemon.drop("broken.mp4", "not a video");

            Await.until("every file has its outcome", DEADLINE, () -> texts.stream().allMatch(n -> Files.exists(daemon.done(n)))
                    && Files.exists(daemon.reason("broken.mp4")));
            assertThat(Files.readString(daemon.output.resolve("one_OUTPUT.txt"))).isEqualTo("volume 2\none 1\ntxt 1\n");

            ProducerTemplate batch = daemon.context().createProducerTemplate();
            Await.until("no task left in the job", DEADLINE,
                    () -> batch.requestBody("azure-batch:batchroutes-job?operation=listTasks", null, List.class).isEmpty());
            for (String container : List.of("batchroutes-input", "batchroutes-output")) {
                Await.until(container + " empty", DEADLINE, () -> batch.requestBody("azure-storage-blob:devstoreaccount1/"
                        + container + "?operation=listBlobs", null, List.class).isEmpty());
            }
        }
    }
}
