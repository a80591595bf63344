package io.batchroutes.emulator;

import io.batchroutes.testsupport.Await;
import static io.batchroutes.emulator.EmulatorSdkIT.id;
import static io.batchroutes.emulator.EmulatorSdkIT.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.PagedList;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.ApplicationListOptions;
import com.microsoft.azure.batch.protocol.models.ApplicationPackageReference;
import com.microsoft.azure.batch.protocol.models.ApplicationSummary;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import com.microsoft.azure.batch.protocol.models.MultiInstanceSettings;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.StartTask;
import com.microsoft.azure.batch.protocol.models.SubtaskInformation;
import com.microsoft.azure.batch.protocol.models.SubtaskState;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskExecutionResult;
import com.microsoft.azure.batch.protocol.models.TaskState;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Application packages (a local package store, {@code GET /applications}, references on pools and tasks with the
 * {@code AZ_BATCH_APP_PACKAGE_*} variables, a zip that tries to leave its folder) and multi-instance tasks (subtasks
 * across nodes, coordination command, common resource files, the multi-instance variables), through the Java SDK.
 */
class EmulatorPackagesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path store;
    private static BatchEmulator emulator;
    private static BatchClient client;
    private static HttpServer files;

    @BeforeAll
    static void start() throws IOException {
        zip(store.resolve("hello/1.0.zip"), Map.of("bin/hello.sh", "echo hello from the package $1\n"));
        zip(store.resolve("hello/2.0.zip"), Map.of("bin/hello.sh", "echo hello two $1\n"));
        zip(store.resolve("Tool-X/3.1.zip"), Map.of("tool.sh", "echo tool 3.1\n"));
        Files.writeString(store.resolve("Tool-X/default-version"), "3.1\n");
        zip(store.resolve("evil/1.zip"), Map.of("../../escaped.txt", "should never be written\n"));
        Files.createDirectories(store.resolve("not an id!"));
        emulator = BatchEmulator.start(EmulatorSettings.defaults().applicationPackagesDir(store));
        client = BatchClient.open(new BatchSharedKeyCredentials(emulator.url(), emulator.accountName(),
                emulator.accountKey()));
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/common.txt", exchange -> {
            byte[] body = "common resource\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        files.start();
    }

    @AfterAll
    static void stop() {
        files.stop(0);
        emulator.close();
    }

    static void zip(Path file, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    private static String stdout(String jobId, String taskId) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromTask(jobId, taskId, "stdout.txt", out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static CloudTask completed(String jobId, String taskId) {
        return Await.until("task " + taskId + " completed", WAIT, () -> client.taskOperations().getTask(jobId, taskId),
                t -> t.state() == TaskState.COMPLETED);
    }

    @Test
    void listsTheStoresApplicationsPageByPage() throws Exception {
        assertThat(client.applicationOperations().listApplications()).extracting(ApplicationSummary::id)
                .containsExactly("evil", "hello", "Tool-X");
        PagedList<ApplicationSummary> paged = client.protocolLayer().applications()
                .list(new ApplicationListOptions().withMaxResults(2));
        assertThat(paged.currentPage().items()).hasSize(2);
        assertThat(paged.currentPage().nextPageLink()).isNotNull();
        assertThat(paged).hasSize(3);
        ApplicationSummary hello = client.applicationOperations().getApplication("HELLO");
        assertThat(hello.versions()).containsExactly("1.0", "2.0");
        assertThat(hello.displayName()).isEqualTo("hello");
        assertThatThrownBy(() -> client.applicationOperations().getApplication("nope"))
                .isInstanceOfSatisfying(BatchErrorException.class, e -> {
                    assertThat(e.response().code()).isEqualTo(404);
                    assertThat(e.body().code()).isEqualTo("ApplicationNotFound");
                });
    }

    @Test
    void poolAndTaskPackagesAreUnpackedOnTheNodeWithTheirVariables() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 1, 1)
                .withApplicationPackageReferences(List.of(new ApplicationPackageReference()
                        .withApplicationId("hello").withVersion("1.0")))
                .withStartTask(new StartTask().withWaitForSuccess(true)
                        .withCommandLine("/bin/sh -c '/bin/sh \"$AZ_BATCH_APP_PACKAGE_hello_1_0/bin/hello.sh\" start'")));
        String jobId = id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("t1")
                .withApplicationPackageReferences(List.of(new ApplicationPackageReference().withApplicationId("tool-x")))
                .withCommandLine("/bin/sh -c '/bin/sh \"$AZ_BATCH_APP_PACKAGE_hello_1_0/bin/hello.sh\" task; "
                        + "/bin/sh \"$AZ_BATCH_APP_PACKAGE_tool_x/tool.sh\"; /bin/sh \"$AZ_BATCH_APP_PACKAGE_tool_x_3_1/tool.sh\"'"));
        CloudTask t = completed(jobId, "t1");
        assertThat(t.executionInfo().result()).as(String.valueOf(t.executionInfo().failureInfo()))
                .isEqualTo(TaskExecutionResult.SUCCESS);
        assertThat(stdout(jobId, "t1")).isEqualTo("hello from the package task\ntool 3.1\ntool 3.1\n");
        ComputeNode node = client.computeNodeOperations().listComputeNodes(poolId).get(0);
        assertThat(node.startTaskInfo().exitCode()).isZero();

        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("t2")
                .withApplicationPackageReferences(List.of(new ApplicationPackageReference().withApplicationId("hello")))
                .withCommandLine("/bin/true"));
        CloudTask noDefault = completed(jobId, "t2");
        assertThat(noDefault.executionInfo().failureInfo().code()).isEqualTo("ApplicationPackageError");
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void aPackageWhoseEntryLeavesItsFolderFailsTheTaskAndWritesNothing() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 1, 1));
        String jobId = id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("t")
                .withApplicationPackageReferences(List.of(new ApplicationPackageReference()
                        .withApplicationId("evil").withVersion("1")))
                .withCommandLine("/bin/true"));
        CloudTask t = completed(jobId, "t");
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("ApplicationPackageError");
        assertThat(t.executionInfo().failureInfo().details().get(0).value()).contains("outside the package folder");
        try (var paths = Files.walk(emulator.dataDir())) {
            assertThat(paths.filter(p -> p.getFileName().toString().equals("escaped.txt"))).isEmpty();
        }
        assertThatThrownBy(() -> client.poolOperations().createPool(pool(id("pool"), 1, 1)
                .withApplicationPackageReferences(List.of(new ApplicationPackageReference()
                        .withApplicationId("hello").withVersion("9.9")))))
                .isInstanceOfSatisfying(BatchErrorException.class, e -> {
                    assertThat(e.response().code()).isEqualTo(409);
                    assertThat(e.body().code()).isEqualTo("InvalidApplicationPackageReferences");
                });
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void aMultiInstanceTaskRunsItsCoordinationEverywhereAndItsApplicationOnThePrimary() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 3, 1).withEnableInterNodeCommunication(true));
        Await.until("3 idle nodes", WAIT, () -> client.computeNodeOperations().listComputeNodes(poolId),
                l -> l.size() == 3 && l.stream().allMatch(n -> n.state() == ComputeNodeState.IDLE));
        String jobId = id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        String common = "http://127.0.0.1:" + files.getAddress().getPort() + "/common.txt";
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("mpi")
                .withMultiInstanceSettings(new MultiInstanceSettings().withNumberOfInstances(3)
                        .withCoordinationCommandLine("/bin/sh -c 'echo \"$AZ_BATCH_IS_CURRENT_NODE_MASTER\" "
                                + "> \"$AZ_BATCH_TASK_SHARED_DIR/role.txt\"; cat \"$AZ_BATCH_TASK_SHARED_DIR/common.txt\"'")
                        .withCommonResourceFiles(List.of(new ResourceFile().withHttpUrl(common)
                                .withFilePath("common.txt"))))
                .withCommandLine("/bin/sh -c 'echo \"hosts=$AZ_BATCH_HOST_LIST master=$AZ_BATCH_MASTER_NODE\"; "
                        + "cat \"$AZ_BATCH_TASK_SHARED_DIR/role.txt\" \"$AZ_BATCH_TASK_SHARED_DIR/common.txt\"'"));
        CloudTask t = completed(jobId, "mpi");
        assertThat(t.executionInfo().result()).as(String.valueOf(t.executionInfo().failureInfo()))
                .isEqualTo(TaskExecutionResult.SUCCESS);
        assertThat(stdout(jobId, "mpi")).isEqualTo(
                "hosts=127.0.0.1,127.0.0.1,127.0.0.1 master=127.0.0.1:6000\ntrue\ncommon resource\n");

        List<SubtaskInformation> subtasks = client.taskOperations().listSubtasks(jobId, "mpi");
        assertThat(subtasks).extracting(SubtaskInformation::id).containsExactly(1, 2);
        assertThat(subtasks).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo(SubtaskState.COMPLETED);
            assertThat(s.exitCode()).isZero();
            assertThat(s.nodeInfo().nodeId()).isNotEqualTo(t.nodeInfo().nodeId());
        });
        assertThat(subtasks.get(0).nodeInfo().nodeId()).isNotEqualTo(subtasks.get(1).nodeInfo().nodeId());
        SubtaskInformation first = subtasks.get(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromComputeNode(poolId, first.nodeInfo().nodeId(),
                first.nodeInfo().taskRootDirectory() + "/stdout.txt", out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("common resource\n");
        assertThat(client.taskOperations().listSubtasks(jobId, "mpi").size()).isEqualTo(2);

        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("failing")
                .withMultiInstanceSettings(new MultiInstanceSettings().withNumberOfInstances(2)
                        .withCoordinationCommandLine("/bin/sh -c '[ \"$AZ_BATCH_IS_CURRENT_NODE_MASTER\" = true ]'"))
                .withCommandLine("/bin/echo never"));
        CloudTask failing = completed(jobId, "failing");
        assertThat(failing.executionInfo().result()).isEqualTo(TaskExecutionResult.FAILURE);
        assertThat(failing.executionInfo().exitCode()).isEqualTo(1);
        assertThat(client.taskOperations().listSubtasks(jobId, "failing")).singleElement()
                .satisfies(s -> assertThat(s.exitCode()).isEqualTo(1));
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void aMultiInstanceTaskStaysActiveOnAPoolWithoutInterNodeCommunication() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 2, 1));
        String jobId = id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("mpi").withCommandLine("/bin/true")
                .withMultiInstanceSettings(new MultiInstanceSettings().withNumberOfInstances(2)
                        .withCoordinationCommandLine("/bin/true")));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("plain").withCommandLine("/bin/true"));
        completed(jobId, "plain");
        Await.holds("the multi-instance task stays active", Duration.ofMillis(500),
                () -> client.taskOperations().getTask(jobId, "mpi").state() == TaskState.ACTIVE);
        assertThat(client.taskOperations().listSubtasks(jobId, "plain")).isEmpty();
        client.poolOperations().deletePool(poolId);
    }
}
