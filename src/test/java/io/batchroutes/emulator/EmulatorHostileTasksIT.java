package io.batchroutes.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.NameValuePair;
import com.microsoft.azure.batch.protocol.models.NodeFile;
import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import io.batchroutes.testsupport.AzuriteForTests;
import io.batchroutes.testsupport.Await;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks that turn the node agent against the emulator (issue 13), on the standalone emulator (its log is read) with a
 * pool of one node with one slot, so a task that kept its slot would block the next: a 1,900-level output tree,
 * output patterns that climb out of the task folder, a link to /etc/passwd served by the files API, URLs with a SAS
 * that do not parse.
 */
class EmulatorHostileTasksIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static AzuriteForTests azurite;
    private static EmulatorKeyIT.Standalone emulator;
    private static BatchClient client;
    private static String jobId;

    @BeforeAll
    static void start() throws Exception {
        azurite = AzuriteForTests.start();
        String key = AccountKeys.random();
        emulator = EmulatorKeyIT.Standalone.start(dir, List.of("--data-dir", dir.resolve("data").toString()),
                Map.of("BATCH_EMULATOR_KEY", key));
        client = BatchClient.open(new BatchSharedKeyCredentials(emulator.url, emulator.account, key));
        String poolId = EmulatorSdkIT.id("pool");
        client.poolOperations().createPool(EmulatorSdkIT.pool(poolId, 1, 1));
        jobId = EmulatorSdkIT.id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
    }

    @AfterAll
    static void stop() throws Exception {
        if (emulator != null) {
            emulator.close();
        }
        if (azurite != null) {
            azurite.close();
        }
        // rm works down the tree relative to each folder; JUnit's @TempDir cleanup takes minutes on 1,900 levels
        new ProcessBuilder("rm", "-rf", dir.resolve("data").toString()).inheritIO().start().waitFor();
    }

    @Test
    void aDeepOutputTreeEndsTheTaskAndFreesItsSlot() throws Exception {
        BlobContainerClient results = azurite.container("deep");
        String script = "i=0; while [ $i -lt 1900 ]; do mkdir d && cd d || exit 3; i=$((i+1)); done; echo deep > x.txt";
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("deep")
                .withCommandLine("/bin/sh -c '" + script + "'")
                .withOutputFiles(List.of(output("**/x.txt", AzuriteForTests.sasUrl(results), "out"))));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("after").withCommandLine("echo next"));
        CloudTask deep = awaitCompleted("deep");
        assertThat(deep.executionInfo().exitCode()).as("the tree was made").isZero();
        if (deep.executionInfo().failureInfo() != null) { // a blob name of 3,800 characters is over the 1,024 allowed
            assertThat(deep.executionInfo().failureInfo().code()).isEqualTo("FileUploadError");
            assertThat(details(deep)).containsEntry("FilePattern", "**/x.txt");
        }
        assertThat(awaitCompleted("after").executionInfo().exitCode()).as("the slot was given back").isZero();
    }

    @Test
    void anOutputPatternCannotClimbOutOfTheTaskFolder() throws Exception {
        BlobContainerClient results = azurite.container("climb");
        String url = AzuriteForTests.sasUrl(results);
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("climb").withCommandLine("echo hi")
                .withOutputFiles(List.of(output("../".repeat(16) + "etc/passwd", url, "passwd"))));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("own").withCommandLine("echo mine")
                .withOutputFiles(List.of(output("../std*.txt", url, "own"))));
        CloudTask climb = awaitCompleted("climb");
        assertThat(climb.executionInfo().failureInfo().code()).isEqualTo("FileUploadError");
        assertThat(details(climb).get("Message")).contains("leaves the task's folder");
        assertThat(awaitCompleted("own").executionInfo().failureInfo()).as("../std*.txt is the task's own").isNull();
        assertThat(results.listBlobs().stream().map(b -> b.getName()).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("own/stderr.txt", "own/stdout.txt");
    }

    @Test
    void theFilesApiDoesNotFollowLinksATaskMade() throws Exception {
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("link")
                .withCommandLine("/bin/sh -c 'ln -s /etc/passwd link && ln -s /etc etc && echo made > real.txt'"));
        CloudTask link = awaitCompleted("link");
        assertThat(link.executionInfo().exitCode()).isZero();
        for (String path : new String[] {"wd/link", "wd/etc/passwd", "wd/etc"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                client.fileOperations().getFileFromTask(jobId, "link", path, out);
                throw new AssertionError(path + " was served: " + out.toString().lines().findFirst().orElse(""));
            } catch (BatchErrorException e) {
                assertThat(e.response().code()).as(path).isEqualTo(404);
                assertThat(out.toString()).doesNotContain("root:");
            }
        }
        List<String> names = client.fileOperations().listFilesFromTask(jobId, "link", true, null).stream()
                .map(NodeFile::name).collect(Collectors.toList());
        assertThat(names).contains("wd/real.txt").doesNotContain("wd/link", "wd/etc", "wd/etc/passwd");
        String nodeId = link.nodeInfo().nodeId();
        String poolId = link.nodeInfo().poolId();
        List<String> nodeNames = client.fileOperations().listFilesFromComputeNode(poolId, nodeId, true, null).stream()
                .map(NodeFile::name).collect(Collectors.toList());
        assertThat(nodeNames).anyMatch(n -> n.endsWith("/link/wd/real.txt")).noneMatch(n -> n.endsWith("/wd/link"));
        String taskDir = link.nodeInfo().taskRootDirectory();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            client.fileOperations().getFileFromComputeNode(poolId, nodeId, taskDir + "/wd/link", out);
            throw new AssertionError("the node files API served the link");
        } catch (BatchErrorException e) {
            assertThat(e.response().code()).isEqualTo(404);
        }
    }

    @Test
    void aSasInAUrlThatDoesNotParseIsNeitherLoggedNorReported() throws Exception {
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("badin").withCommandLine("echo hi")
                .withResourceFiles(List.of(new ResourceFile().withFilePath("in.txt")
                        .withHttpUrl("http://127.0.0.1:9/in.txt?sv=2020-01-01&sig=SECRETSIGNATURE1 x"))));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("badout").withCommandLine("echo hi")
                .withOutputFiles(List.of(output("../stdout.txt", "ht!tp://bad host/c?sv=1&sig=SECRETSIGNATURE2", "o"))));
        CloudTask in = awaitCompleted("badin");
        CloudTask out = awaitCompleted("badout");
        assertThat(in.executionInfo().failureInfo()).isNotNull();
        assertThat(out.executionInfo().failureInfo().code()).isEqualTo("FileUploadError");
        String reported = in.executionInfo().failureInfo().message() + details(in) + out.executionInfo().failureInfo().message()
                + details(out);
        assertThat(reported).doesNotContain("SECRETSIGNATURE");
        assertThat(emulator.output()).contains("badin").doesNotContain("SECRETSIGNATURE");
    }

    private static OutputFile output(String pattern, String containerUrl, String path) {
        return new OutputFile().withFilePattern(pattern)
                .withDestination(new OutputFileDestination().withContainer(
                        new OutputFileBlobContainerDestination().withContainerUrl(containerUrl).withPath(path)))
                .withUploadOptions(new OutputFileUploadOptions().withUploadCondition(OutputFileUploadCondition.TASK_COMPLETION));
    }

    private static Map<String, String> details(CloudTask task) {
        List<NameValuePair> d = task.executionInfo().failureInfo().details();
        return d == null ? Map.of() : d.stream().collect(Collectors.toMap(NameValuePair::name, NameValuePair::value, (a, b) -> a));
    }

    private static CloudTask awaitCompleted(String taskId) {
        return Await.until("task " + taskId + " to complete", WAIT,
                () -> client.taskOperations().getTask(jobId, taskId), t -> t.state() == TaskState.COMPLETED);
    }
}
