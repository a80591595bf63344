package io.batchroutes.app;

import io.batchroutes.testsupport.AzuriteForTests;
import io.batchroutes.app.batch.TaskDefinitionFactory;
import io.batchroutes.app.staging.StagingArea;
import io.batchroutes.app.worktype.WorkTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a task's SAS URLs let it do, checked against real storage (Azurite): read its one input, write its one
 * result, nothing else; expiring after its queue allowance plus its own limits.
 */
class TaskSasScopeIT {
    private static AzuriteForTests azurite;
    private static StagingArea staging;
    private static TaskDefinitionFactory factory;

    @BeforeAll
    static void start() throws Exception {
        azurite = AzuriteForTests.start();
        Map<String, String> props = Map.of(
                "batchroutes.work-types", "topwords",
                "batchroutes.work-type.topwords.extensions", "txt",
                "batchroutes.work-type.topwords.command", "count {input}",
                "batchroutes.work-type.topwords.outputs", "result.txt",
                "batchroutes.work-type.topwords.output-name", "{stem}_OUTPUT.txt",
                "batchroutes.work-type.topwords.max-wall-clock-minutes", "30",
                "batchroutes.work-type.topwords.max-retries", "1");
        WorkTypes types = WorkTypes.fromProperties(k -> Optional.ofNullable(props.get(k)));
        staging = new StagingArea(azurite.client(), "inputs", "outputs", "appfiles", Duration.ofHours(2), List.of(),
                new io.batchroutes.app.staging.BlobDeletions(azurite.client()), 250, java.util.Set::of);
        staging.prepare();
        factory = new TaskDefinitionFactory(types, staging);
    }

    @AfterAll
    static void stop() {
        azurite.close();
    }

    private static String destination(TaskAddParameter task) {
        OutputFile out = task.outputFiles().get(0);
        return out.destination().container().containerUrl();
    }

    @Test
    void theOutputSasWritesTheTasksOwnResultAndNothingElse() {
        staging.inputContainerFor("f-task-a");
        TaskAddParameter task = factory.create("f-task-a", "a.txt");
        String containerUrl = destination(task);
        var container = new BlobContainerClientBuilder().endpoint(containerUrl).buildClient();

        container.getBlobClient("f-task-a/result.txt").upload(BinaryData.fromString("a 1\n"), true);
        assertThat(staging.outputContainerOf("f-task-a")).startsWith("outputs-g");
        assertThat(azurite.container(staging.outputContainerOf("f-task-a")).getBlobClient("f-task-a/result.txt").exists())
                .isTrue();

        assertThatThrownBy(() -> container.getBlobClient("f-task-b/result.txt").upload(BinaryData.fromString("x"), true))
                .isInstanceOfSatisfying(BlobStorageException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
        assertThatThrownBy(() -> container.getBlobClient("f-task-a/other.txt").upload(BinaryData.fromString("x"), true))
                .isInstanceOf(BlobStorageException.class);
        assertThatThrownBy(() -> container.getBlobClient("f-task-a/result.txt").downloadContent())
                .as("write-only: no reading back").isInstanceOf(BlobStorageException.class);
    }

    @Test
    void theInputSasReadsOneBlobAndEverySasExpiresAfterTheQueueAllowancePlusTheTasksLimits() {
        String inputs = staging.inputContainerFor("f-task-c");
        assertThat(staging.inputContainerFor("f-task-d")).isEqualTo(inputs);
        azurite.container(inputs).getBlobClient("f-task-c/input.txt").upload(BinaryData.fromString("c"), true);
        azurite.container(inputs).getBlobClient("f-task-d/input.txt").upload(BinaryData.fromString("d"), true);
        TaskAddParameter task = factory.create("f-task-c", "c.txt");
        String inputUrl = task.resourceFiles().get(0).httpUrl();
        String query = inputUrl.substring(inputUrl.indexOf('?') + 1);
        var blob = new com.azure.storage.blob.BlobClientBuilder().endpoint(inputUrl).buildClient();
        assertThat(blob.downloadContent().toString()).isEqualTo("c");
        var other = new com.azure.storage.blob.BlobClientBuilder()
                .endpoint(inputUrl.replace("f-task-c", "f-task-d")).buildClient();
        assertThatThrownBy(other::downloadContent).isInstanceOf(BlobStorageException.class);

        // 2 h queue allowance + 30 min × 2 attempts + 15 min margin.
        OffsetDateTime expected = OffsetDateTime.now().plusMinutes(120 + 60 + 15);
        for (String url : List.of(inputUrl, destination(task))) {
            String se = java.net.URLDecoder.decode(url.replaceAll(".*[?&]se=([^&]+).*", "$1"),
                    java.nio.charset.StandardCharsets.UTF_8);
            OffsetDateTime expiry = OffsetDateTime.parse(se, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertThat(Duration.between(expected, expiry).abs()).isLessThan(Duration.ofMinutes(2));
        }
        assertThat(query).contains("sr=b").contains("sp=r");
    }
}
