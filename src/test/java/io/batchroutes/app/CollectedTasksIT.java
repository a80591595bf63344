package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobContainerItem;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a long-running daemon keeps: nothing of a file once it is collected. Its staged blobs are gone; its task is
 * deleted by itself ({@code tasks-per-job=0}) or with its job once every task of that job was collected (the job
 * rotates: the jobs, the service's memory and the emulator's state hold at most the newest job's tasks besides those
 * in flight).
 */
class CollectedTasksIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path home;

    @Test
    void collectedTasksAndTheirBlobsAreDeletedSucceededOrFailed() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(home, Map.of("batchroutes.batch.tasks-per-job", "0"))) {
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
            // The staged blobs went with their generation's two containers (5 s after its last file was done); what
            // is left is the empty spare generation made ahead.
            BlobServiceClient storage = daemon.context().getRegistry().lookupByNameAndType("blobServiceClient",
                    BlobServiceClient.class);
            Await.until("only the spare staging generation left, empty", DEADLINE, () -> {
                List<String> staging = storage.listBlobContainers().stream().map(BlobContainerItem::getName)
                        .filter(n -> n.startsWith("batchroutes-input") || n.startsWith("batchroutes-output")).toList();
                return staging.size() == 2 && staging.stream()
                        .allMatch(n -> !storage.getBlobContainerClient(n).listBlobs().iterator().hasNext());
            });
        }
    }

    @Test
    void anOlderJobIsDeletedOnceEveryTaskItHeldWasCollected() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(home, Map.of("batchroutes.batch.tasks-per-job", "2"))) {
            // Three waves of two: each wave fills a job of its own, the next starts a new one.
            for (int wave = 0; wave < 3; wave++) {
                List<String> names = List.of("w" + wave + "a.txt", "w" + wave + "b.txt");
                for (String name : names) {
                    daemon.drop(name, "rotate rotate " + name + "\n");
                }
                Await.until("wave " + wave + " collected", DEADLINE, () -> names.stream().allMatch(n -> Files.exists(daemon.done(n))));
            }
            BatchClient batch = daemon.batchClient();
            Await.until("only the newest job left", DEADLINE, () -> familyJobs(batch).equals(List.of("batchroutes-job-g3")));
            assertThat(batch.taskOperations().listTasks("batchroutes-job-g3")).hasSize(2);
            assertThat(Files.readString(daemon.output.resolve("w1a_OUTPUT.txt"))).isEqualTo("rotate 2\ntxt 1\nw1a 1\n");
        }
    }

    private static List<String> familyJobs(BatchClient batch) {
        try {
            return batch.jobOperations().listJobs().stream().map(CloudJob::id).filter(id -> id.startsWith("batchroutes-job"))
                    .sorted().toList();
        } catch (java.io.IOException e) {
            return List.of("unreadable: " + e);
        }
    }
}
