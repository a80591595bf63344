package io.batchroutes.emulator;

import io.batchroutes.testsupport.BatchTasks;
import io.batchroutes.testsupport.AzuriteForTests;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resource files from and output files to a real blob endpoint (Azurite). */
class EmulatorBlobIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static AzuriteForTests azurite;
    private static BatchEmulator emulator;
    private static BatchClient client;
    private static String jobId;

    @BeforeAll
    static void start() throws Exception {
        azurite = AzuriteForTests.start();
        emulator = BatchEmulator.start(EmulatorSettings.defaults()
                .autoStorageConnectionString(azurite.connectionString()));
        client = BatchClient.open(new BatchSharedKeyCredentials(emulator.url(), emulator.accountName(),
                emulator.accountKey()));
        String poolId = EmulatorSdkIT.id("pool");
        client.poolOperations().createPool(EmulatorSdkIT.pool(poolId, 1, 4));
        jobId = EmulatorSdkIT.id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
    }

    @AfterAll
    static void stop() {
        if (emulator != null) {
            emulator.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    private static CloudTask awaitCompleted(String taskId) {
        return BatchTasks.awaitState(client, jobId, taskId, TaskState.COMPLETED, WAIT);
    }

    private static OutputFile output(String pattern, String containerUrl, String path, OutputFileUploadCondition when) {
        return new OutputFile().withFilePattern(pattern)
                .withDestination(new OutputFileDestination().withContainer(
                        new OutputFileBlobContainerDestination().withContainerUrl(containerUrl).withPath(path)))
                .withUploadOptions(new OutputFileUploadOptions().withUploadCondition(when));
    }

    private static List<String> blobs(BlobContainerClient c) {
        return c.listBlobs().stream().map(BlobItem::getName).sorted().collect(Collectors.toList());
    }

    @Test
    void downloadsResourceFilesAndUploadsOutputFiles() throws Exception {
        BlobContainerClient input = azurite.container("input");
        input.getBlobClient("data/a.txt").upload(BinaryData.fromString("alpha"), true);
        input.getBlobClient("data/sub/b.txt").upload(BinaryData.fromString("beta"), true);
        input.getBlobClient("other/c.txt").upload(BinaryData.fromString("gamma"), true);
        input.getBlobClient("tool.sh").upload(BinaryData.fromString("#!/bin/sh\necho tool ran\n"), true);
        String inputSas = AzuriteForTests.sasUrl(input);
        String toolUrl = input.getBlobClient("tool.sh").getBlobUrl() + "?" + inputSas.substring(inputSas.indexOf('?') + 1);
        BlobContainerClient output = azurite.container("output");
        String outputSas = AzuriteForTests.sasUrl(output);

        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("io")
                .withResourceFiles(List.of(
                        new ResourceFile().withStorageContainerUrl(inputSas).withBlobPrefix("data/"),
                        new ResourceFile().withHttpUrl(toolUrl).withFilePath("bin/tool.sh").withFileMode("0755")))
                .withCommandLine("/bin/sh -c 'bin/tool.sh && mkdir -p out/deep && cat data/a.txt data/sub/b.txt > out/ab.txt"
                        + " && echo deep > out/deep/d.txt && echo single > result.json'")
                .withOutputFiles(List.of(
                        output("out/**/*.txt", outputSas, "run1", OutputFileUploadCondition.TASK_SUCCESS),
                        output("result.json", outputSas, "final/result.json", OutputFileUploadCondition.TASK_COMPLETION),
                        output("../std*.txt", outputSas, "logs", OutputFileUploadCondition.TASK_COMPLETION),
                        output("*.never", outputSas, "failure-only", OutputFileUploadCondition.TASK_FAILURE))));
        CloudTask t = awaitCompleted("io");

        assertThat(t.executionInfo().failureInfo()).isNull();
        assertThat(t.executionInfo().exitCode()).isZero();
        assertThat(blobs(output)).containsExactly("final/result.json", "logs/stderr.txt", "logs/stdout.txt",
                "run1/ab.txt", "run1/deep/d.txt");
        assertThat(output.getBlobClient("run1/ab.txt").downloadContent().toString()).isEqualTo("alphabeta");
        assertThat(output.getBlobClient("logs/stdout.txt").downloadContent().toString()).isEqualTo("tool ran\n");
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        List<String> names = client.fileOperations().listFilesFromTask(jobId, "io", true, null).stream()
                .map(f -> f.name()).collect(Collectors.toList());
        assertThat(names).contains("wd/data/a.txt", "wd/data/sub/b.txt", "wd/bin/tool.sh")
                .doesNotContain("wd/other/c.txt");
        client.fileOperations().getFileFromTask(jobId, "io", "wd/data/sub/b.txt", other);
        assertThat(other.toString(StandardCharsets.UTF_8)).isEqualTo("beta");
    }

    @Test
    void failedTaskUploadsOnlyFailureAndCompletionFiles() throws Exception {
        BlobContainerClient output = azurite.container("failures");
        String sas = AzuriteForTests.sasUrl(output);
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("fails")
                .withCommandLine("/bin/sh -c 'echo partial > part.txt; echo bad >&2; exit 2'")
                .withOutputFiles(List.of(
                        output("*.txt", sas, "ok", OutputFileUploadCondition.TASK_SUCCESS),
                        output("*.txt", sas, "failed", OutputFileUploadCondition.TASK_FAILURE),
                        output("../stderr.txt", sas, "err/stderr.txt", OutputFileUploadCondition.TASK_COMPLETION))));
        CloudTask t = awaitCompleted("fails");
        assertThat(t.executionInfo().exitCode()).isEqualTo(2);
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("FailureExitCode");
        assertThat(blobs(output)).containsExactly("err/stderr.txt", "failed/part.txt");
    }

    @Test
    void missingBlobAndFailedUploadAreTaskFailures() throws Exception {
        BlobContainerClient input = azurite.container("input2");
        String sas = AzuriteForTests.sasUrl(input);
        String missing = input.getBlobContainerUrl() + "/nope.bin?" + sas.substring(sas.indexOf('?') + 1);
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("nodownload")
                .withResourceFiles(List.of(new ResourceFile().withHttpUrl(missing).withFilePath("nope.bin")))
                .withCommandLine("true"));
        CloudTask t = awaitCompleted("nodownload");
        assertThat(t.executionInfo().exitCode()).isNull();
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("BlobNotFound");
        assertThat(t.executionInfo().result().toString()).isEqualTo("failure");

        BlobContainerClient absent = azurite.client().getBlobContainerClient("never-created");
        String absentSas = AzuriteForTests.sasUrl(azurite.container("input2")).replace("/input2?", "/never-created?");
        assertThat(absent.exists()).isFalse();
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("noupload")
                .withCommandLine("/bin/sh -c 'echo x > x.txt'")
                .withOutputFiles(List.of(output("x.txt", absentSas, "x.txt", OutputFileUploadCondition.TASK_COMPLETION))));
        CloudTask u = awaitCompleted("noupload");
        assertThat(u.executionInfo().exitCode()).isZero();
        assertThat(u.executionInfo().failureInfo().code()).isEqualTo("FileUploadError");
        assertThat(u.executionInfo().result().toString()).isEqualTo("failure");
    }

    @Test
    void autoStorageContainersAreReadFromTheLinkedAccount() throws Exception {
        BlobContainerClient linked = azurite.container("linked");
        linked.getBlobClient("data/a.txt").upload(BinaryData.fromString("alpha"), true);
        linked.getBlobClient("data/b.txt").upload(BinaryData.fromString("beta"), true);
        linked.getBlobClient("other/c.txt").upload(BinaryData.fromString("gamma"), true);
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("autostorage")
                .withResourceFiles(List.of(new ResourceFile().withAutoStorageContainerName("linked")
                        .withBlobPrefix("data/").withFilePath("in")))
                .withCommandLine("/bin/sh -c 'cat in/data/a.txt in/data/b.txt; ls -R in | grep c.txt | wc -l'"));
        CloudTask t = awaitCompleted("autostorage");
        assertThat(t.executionInfo().result().toString()).isEqualTo("success");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromTask(jobId, "autostorage", "stdout.txt", out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("alphabeta0\n");
    }
}
