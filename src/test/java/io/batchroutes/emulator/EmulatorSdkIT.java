package io.batchroutes.emulator;

import io.batchroutes.testsupport.Await;
import io.batchroutes.testsupport.BatchTasks;
import io.batchroutes.testsupport.EmulatorExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.DetailLevel;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import com.microsoft.azure.batch.protocol.models.EnvironmentSetting;
import com.microsoft.azure.batch.protocol.models.FileProperties;
import com.microsoft.azure.batch.protocol.models.ImageReference;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.NodeFile;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.StartTask;
import com.microsoft.azure.batch.protocol.models.TaskAddCollectionResult;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddStatus;
import com.microsoft.azure.batch.protocol.models.TaskConstraints;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import com.microsoft.azure.batch.protocol.models.TaskListOptions;
import com.microsoft.azure.batch.protocol.models.TaskState;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.joda.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The emulator driven by the unmodified Java Batch SDK. */
class EmulatorSdkIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();

    private static BatchClient client() {
        return EMULATOR.client();
    }

    static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static PoolAddParameter pool(String id, int nodes, int slots) {
        return new PoolAddParameter().withId(id).withVmSize("STANDARD_D2S_V3")
                .withVirtualMachineConfiguration(new VirtualMachineConfiguration()
                        .withImageReference(new ImageReference().withPublisher("canonical")
                                .withOffer("0001-com-ubuntu-server-jammy").withSku("22_04-lts"))
                        .withNodeAgentSKUId("batch.node.ubuntu 22.04"))
                .withTargetDedicatedNodes(nodes).withTaskSlotsPerNode(slots);
    }

    private static String poolWithJob(String jobId) throws Exception {
        String poolId = id("pool");
        client().poolOperations().createPool(pool(poolId, 1, 2));
        client().jobOperations().createJob(new JobAddParameter().withId(jobId)
                .withPoolInfo(new PoolInformation().withPoolId(poolId))
                .withCommonEnvironmentSettings(List.of(new EnvironmentSetting().withName("JOBVAR").withValue("fromjob"))));
        return poolId;
    }

    static CloudTask awaitCompleted(String jobId, String taskId) {
        return BatchTasks.awaitState(client(), jobId, taskId, TaskState.COMPLETED, WAIT);
    }

    static String taskFile(String jobId, String taskId, String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client().fileOperations().getFileFromTask(jobId, taskId, path, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void poolIsCreatedOnceAndHasLocalNodes() throws Exception {
        String poolId = id("pool");
        client().poolOperations().createPool(pool(poolId, 2, 3));

        assertThat(client().poolOperations().existsPool(poolId)).isTrue();
        assertThat(client().poolOperations().existsPool("no-such-pool")).isFalse();
        CloudPool p = client().poolOperations().getPool(poolId);
        assertThat(p.id()).isEqualTo(poolId);
        assertThat(p.taskSlotsPerNode()).isEqualTo(3);
        assertThat(p.currentDedicatedNodes()).isEqualTo(2);
        assertThat(p.eTag()).startsWith("0x");
        assertThat(p.lastModified()).isNotNull();
        assertThatThrownBy(() -> client().poolOperations().createPool(pool(poolId, 1, 1)))
                .isInstanceOfSatisfying(BatchErrorException.class, e -> {
                    assertThat(e.body().code()).isEqualTo("PoolExists");
                    assertThat(e.response().code()).isEqualTo(409);
                });
        List<ComputeNode> nodes = Await.until("2 idle nodes", WAIT,
                () -> client().computeNodeOperations().listComputeNodes(poolId),
                l -> l.size() == 2 && l.stream().allMatch(n -> n.state() == ComputeNodeState.IDLE));
        ComputeNode node = client().computeNodeOperations().getComputeNode(poolId, nodes.get(0).id());
        assertThat(node.isDedicated()).isTrue();
        assertThat(client().poolOperations().listPools().stream().map(CloudPool::id)).contains(poolId);

        client().poolOperations().deletePool(poolId);
        Await.until("the deleted pool to be gone (it is deleting for a while, as in the service)", WAIT,
                () -> !client().poolOperations().existsPool(poolId), gone -> gone);
        assertThatThrownBy(() -> client().poolOperations().getPool(poolId))
                .isInstanceOfSatisfying(BatchErrorException.class,
                        e -> assertThat(e.body().code()).isEqualTo("PoolNotFound"));
    }

    @Test
    void failingTaskCompletesWithExitCodeFailureInfoAndReadableFiles() throws Exception {
        String jobId = id("job");
        poolWithJob(jobId);
        assertThat(client().jobOperations().getJob(jobId).poolInfo().poolId()).startsWith("pool-");
        assertThatThrownBy(() -> client().jobOperations().createJob(jobId, new PoolInformation().withPoolId("x")))
                .isInstanceOfSatisfying(BatchErrorException.class,
                        e -> assertThat(e.body().code()).isEqualTo("JobExists"));

        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("t1")
                .withCommandLine("/bin/sh -c 'echo hello; exit 3'"));
        CloudTask t = awaitCompleted(jobId, "t1");

        assertThat(t.executionInfo().exitCode()).isEqualTo(3);
        assertThat(t.executionInfo().result().toString()).isEqualTo("failure");
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("FailureExitCode");
        assertThat(t.executionInfo().failureInfo().category().toString()).isEqualTo("usererror");
        assertThat(t.executionInfo().startTime()).isNotNull();
        assertThat(t.executionInfo().endTime()).isNotNull();
        assertThat(t.previousState()).isEqualTo(TaskState.RUNNING);
        assertThat(t.nodeInfo().nodeId()).startsWith("tvm-");
        assertThat(taskFile(jobId, "t1", "stdout.txt")).isEqualTo("hello\n");
        FileProperties props = client().fileOperations().getFilePropertiesFromTask(jobId, "t1", "stdout.txt");
        assertThat(props.contentLength()).isEqualTo(6L);
        assertThat(props.lastModified()).isNotNull();
        assertThat(props.creationTime()).isNotNull();
        List<String> names = client().fileOperations().listFilesFromTask(jobId, "t1", true, null).stream()
                .map(NodeFile::name).collect(Collectors.toList());
        assertThat(names).contains("stdout.txt", "stderr.txt", "wd");
        TaskCountsResult counts = client().jobOperations().getTaskCountsResult(jobId);
        assertThat(counts.taskCounts().completed()).isEqualTo(1);
        assertThat(counts.taskCounts().failed()).isEqualTo(1);
        assertThat(counts.taskSlotCounts().completed()).isEqualTo(1);
    }

    @Test
    void taskGetsEnvironmentAndRunsWithoutShell() throws Exception {
        String jobId = id("job");
        poolWithJob(jobId);
        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("env")
                .withEnvironmentSettings(List.of(new EnvironmentSetting().withName("FOO").withValue("bar"),
                        new EnvironmentSetting().withName("JOBVAR").withValue("fromtask")))
                .withCommandLine("/bin/sh -c 'mkdir -p out && echo \"$AZ_BATCH_TASK_ID:$AZ_BATCH_JOB_ID:$FOO:$JOBVAR\" > out/r.txt; pwd'"));
        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("literal")
                .withCommandLine("echo $HOME `id` \"a  b\" 'c d'"));
        CloudTask t = awaitCompleted(jobId, "env");
        assertThat(t.executionInfo().exitCode()).isZero();
        assertThat(t.executionInfo().result().toString()).isEqualTo("success");
        assertThat(taskFile(jobId, "env", "wd/out/r.txt")).isEqualTo("env:" + jobId + ":bar:fromtask\n");
        assertThat(taskFile(jobId, "env", "stdout.txt").trim()).endsWith("/env/wd");
        awaitCompleted(jobId, "literal");
        assertThat(taskFile(jobId, "literal", "stdout.txt")).isEqualTo("$HOME `id` a  b c d\n");
    }

    @Test
    void missingProgramFailsWithCommandProgramNotFound() throws Exception {
        String jobId = id("job");
        poolWithJob(jobId);
        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("nope")
                .withCommandLine("/no/such/program --flag"));
        CloudTask t = awaitCompleted(jobId, "nope");
        assertThat(t.executionInfo().exitCode()).isNull();
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("CommandProgramNotFound");
        assertThat(t.executionInfo().result().toString()).isEqualTo("failure");
    }

    @Test
    void taskCollectionAcceptsHundredAndRejectsMore() throws Exception {
        String jobId = id("job");
        client().jobOperations().createJob(jobId, new PoolInformation().withPoolId("pool-that-never-exists"));
        List<TaskAddParameter> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(new TaskAddParameter().withId(String.format("t%03d", i)).withCommandLine("true"));
        }
        client().taskOperations().createTasks(jobId, hundred);
        assertThat(client().jobOperations().getTaskCountsResult(jobId).taskCounts().active()).isEqualTo(100);

        List<TaskAddParameter> tooMany = new ArrayList<>(hundred);
        tooMany.add(new TaskAddParameter().withId("t100").withCommandLine("true"));
        assertThatThrownBy(() -> client().protocolLayer().tasks().addCollection(jobId, tooMany))
                .isInstanceOfSatisfying(BatchErrorException.class, e -> {
                    assertThat(e.response().code()).isEqualTo(413);
                    assertThat(e.body().code()).isEqualTo("RequestBodyTooLarge");
                });

        TaskAddCollectionResult result = client().protocolLayer().tasks().addCollection(jobId, List.of(
                new TaskAddParameter().withId("t000").withCommandLine("true"),
                new TaskAddParameter().withId("fresh").withCommandLine("true")));
        assertThat(result.value()).hasSize(2);
        assertThat(result.value().get(0).status()).isEqualTo(TaskAddStatus.CLIENT_ERROR);
        assertThat(result.value().get(0).error().code()).isEqualTo("TaskExists");
        assertThat(result.value().get(1).status()).isEqualTo(TaskAddStatus.SUCCESS);
        assertThatThrownBy(() -> client().taskOperations().createTask(jobId,
                new TaskAddParameter().withId("fresh").withCommandLine("true")))
                .isInstanceOfSatisfying(BatchErrorException.class,
                        e -> assertThat(e.body().code()).isEqualTo("TaskExists"));
    }

    @Test
    void listFiltersSelectsAndPages() throws Exception {
        String jobId = id("job");
        client().jobOperations().createJob(jobId, new PoolInformation().withPoolId("pool-that-never-exists"));
        List<TaskAddParameter> tasks = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            tasks.add(new TaskAddParameter().withId(String.format("t%02d", i)).withCommandLine("true"));
        }
        client().taskOperations().createTasks(jobId, tasks);

        List<CloudTask> t1x = client().taskOperations().listTasks(jobId,
                new DetailLevel.Builder().withFilterClause("startswith(id,'t1')").build());
        assertThat(t1x).hasSize(10);
        List<CloudTask> two = client().taskOperations().listTasks(jobId, new DetailLevel.Builder()
                .withFilterClause("state eq 'Active' and (id eq 't01' or id eq 'T02')")
                .withSelectClause("id,state").build());
        assertThat(two).extracting(CloudTask::id).containsExactly("t01", "t02");
        assertThat(two.get(0).commandLine()).isNull();
        assertThat(two.get(0).state()).isEqualTo(TaskState.ACTIVE);
        assertThat(client().taskOperations().listTasks(jobId, new DetailLevel.Builder()
                .withFilterClause("state eq 'completed' or creationTime lt DateTime'2000-01-01T00:00:00Z'").build()))
                .isEmpty();

        List<CloudTask> paged = client().protocolLayer().tasks().list(jobId, new TaskListOptions().withMaxResults(10));
        assertThat(paged).hasSize(25);
        assertThat(paged.get(24).id()).isEqualTo("t24");

        assertThatThrownBy(() -> client().taskOperations().listTasks(jobId,
                new DetailLevel.Builder().withFilterClause("nosuchproperty eq 1").build()))
                .isInstanceOfSatisfying(BatchErrorException.class,
                        e -> assertThat(e.body().code()).isEqualTo("InvalidQueryParameterValue"));
    }

    @Test
    void failedStartTaskMarksNodeAndExplainsItThroughNodeFiles() throws Exception {
        String poolId = id("pool");
        client().poolOperations().createPool(pool(poolId, 1, 1).withStartTask(new StartTask()
                .withCommandLine("/bin/sh -c 'echo preparing; echo ffmpeg missing >&2; exit 7'")
                .withWaitForSuccess(true)));
        ComputeNode node = Await.until("start task failure", WAIT,
                () -> client().computeNodeOperations().listComputeNodes(poolId).get(0),
                n -> n.state() == ComputeNodeState.START_TASK_FAILED);
        assertThat(node.startTaskInfo().exitCode()).isEqualTo(7);
        assertThat(node.startTaskInfo().result().toString()).isEqualTo("failure");
        assertThat(node.startTaskInfo().failureInfo().code()).isEqualTo("FailureExitCode");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        client().fileOperations().getFileFromComputeNode(poolId, node.id(), "startup/stderr.txt", err);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("ffmpeg missing\n");

        String jobId = id("job");
        client().jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("t").withCommandLine("true"));
        Await.holds("task stays active on a pool whose only node failed its start task", Duration.ofSeconds(1),
                () -> client().taskOperations().getTask(jobId, "t").state() == TaskState.ACTIVE);
    }

    @Test
    void wallClockLimitKillsTheProcessTree() throws Exception {
        String jobId = id("job");
        poolWithJob(jobId);
        long started = System.nanoTime();
        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("slow")
                .withCommandLine("/bin/sh -c 'sleep 30 & sleep 30; wait'")
                .withConstraints(new TaskConstraints().withMaxWallClockTime(Period.seconds(1))));
        CloudTask t = awaitCompleted(jobId, "slow");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("TaskEnded");
        assertThat(t.executionInfo().result().toString()).isEqualTo("failure");
    }

    @Test
    void terminatedRunningTaskCompletesAsEnded() throws Exception {
        String jobId = id("job");
        poolWithJob(jobId);
        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("long").withCommandLine("sleep 60"));
        BatchTasks.awaitState(client(), jobId, "long", TaskState.RUNNING, WAIT);
        client().taskOperations().terminateTask(jobId, "long");
        CloudTask t = awaitCompleted(jobId, "long");
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("TaskEnded");
    }

    @Test
    void failingTaskIsRetried() throws Exception {
        String jobId = id("job");
        poolWithJob(jobId);
        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("flaky")
                .withCommandLine("/bin/sh -c 'echo try >> ../../attempts.txt; exit 1'")
                .withConstraints(new TaskConstraints().withMaxTaskRetryCount(2)));
        CloudTask t = awaitCompleted(jobId, "flaky");
        assertThat(t.executionInfo().retryCount()).isEqualTo(2);
        assertThat(t.executionInfo().exitCode()).isEqualTo(1);
    }

    @Test
    void wrongKeyIsRejectedWithAuthenticationFailed() {
        BatchEmulator emulator = EMULATOR.emulator();
        BatchClient wrong = BatchClient.open(new BatchSharedKeyCredentials(emulator.url(), emulator.accountName(),
                java.util.Base64.getEncoder().encodeToString(new byte[64])));
        assertThatThrownBy(() -> wrong.poolOperations().getPool("any"))
                .isInstanceOfSatisfying(BatchErrorException.class, e -> {
                    assertThat(e.response().code()).isEqualTo(403);
                    assertThat(e.body().code()).isEqualTo("AuthenticationFailed");
                });
    }
}
