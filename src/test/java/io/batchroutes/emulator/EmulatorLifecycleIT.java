package io.batchroutes.emulator;

import io.batchroutes.testsupport.FreePorts;
import io.batchroutes.testsupport.BatchTasks;
import io.batchroutes.testsupport.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.AllocationState;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.DependencyAction;
import com.microsoft.azure.batch.protocol.models.ExitCodeMapping;
import com.microsoft.azure.batch.protocol.models.ExitConditions;
import com.microsoft.azure.batch.protocol.models.ExitOptions;
import com.microsoft.azure.batch.protocol.models.JobAction;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobState;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.OnTaskFailure;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskDependencies;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Terminate/delete semantics, exit conditions, dependencies, resize, fault injection and the command line. */
class EmulatorLifecycleIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static BatchEmulator emulator;
    private static BatchClient client;
    private static String poolId;

    @BeforeAll
    static void start() throws Exception {
        emulator = BatchEmulator.start(EmulatorSettings.defaults());
        client = BatchClient.open(new BatchSharedKeyCredentials(emulator.url(), emulator.accountName(),
                emulator.accountKey()));
        poolId = EmulatorSdkIT.id("pool");
        client.poolOperations().createPool(EmulatorSdkIT.pool(poolId, 2, 4));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static String job(JobAddParameter job) throws Exception {
        String id = EmulatorSdkIT.id("job");
        client.jobOperations().createJob(job.withId(id).withPoolInfo(new PoolInformation().withPoolId(poolId)));
        return id;
    }

    private static CloudTask await(String jobId, String taskId, TaskState state) {
        return BatchTasks.awaitState(client, jobId, taskId, state, WAIT);
    }

    private static long pidOf(String jobId, String taskId) throws Exception {
        CloudTask t = await(jobId, taskId, TaskState.RUNNING);
        String text = Await.until("pid file", WAIT, () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            client.fileOperations().getFileFromComputeNode(poolId, t.nodeInfo().nodeId(), "shared/" + taskId + ".pid", out);
            return out.toString(StandardCharsets.UTF_8).trim();
        }, s -> !s.isEmpty());
        return Long.parseLong(text);
    }

    private static TaskAddParameter sleeper(String id) {
        return new TaskAddParameter().withId(id)
                .withCommandLine("/bin/sh -c 'sleep 60 & echo $! > $AZ_BATCH_NODE_SHARED_DIR/" + id + ".pid; wait'");
    }

    @Test
    void deletingARunningTaskKillsItsProcessTree() throws Exception {
        String jobId = job(new JobAddParameter());
        client.taskOperations().createTask(jobId, sleeper("del"));
        long pid = pidOf(jobId, "del");
        assertThat(ProcessHandle.of(pid)).isPresent();

        client.taskOperations().deleteTask(jobId, "del");
        Await.until("grandchild sleep to die", WAIT, () -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                alive -> !alive);
        assertThatThrownBy(() -> client.taskOperations().getTask(jobId, "del"))
                .isInstanceOfSatisfying(BatchErrorException.class,
                        e -> assertThat(e.body().code()).isEqualTo("TaskNotFound"));
    }

    @Test
    void terminatingAJobEndsItsRunningTasksAndCompletesIt() throws Exception {
        String jobId = job(new JobAddParameter());
        client.taskOperations().createTask(jobId, sleeper("run"));
        long pid = pidOf(jobId, "run");

        client.jobOperations().terminateJob(jobId, "enough");
        CloudJob j = Await.until("job to complete", WAIT, () -> client.jobOperations().getJob(jobId),
                x -> x.state() == JobState.COMPLETED);
        assertThat(j.executionInfo().terminateReason()).isEqualTo("enough");
        assertThat(j.executionInfo().endTime()).isNotNull();
        CloudTask t = await(jobId, "run", TaskState.COMPLETED);
        assertThat(t.executionInfo().failureInfo().code()).isEqualTo("TaskEnded");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThatThrownBy(() -> client.taskOperations().createTask(jobId,
                new TaskAddParameter().withId("late").withCommandLine("true")))
                .isInstanceOfSatisfying(BatchErrorException.class,
                        e -> assertThat(e.body().code()).isEqualTo("JobCompleted"));

        client.jobOperations().deleteJob(jobId);
        Await.until("the deleted job to be gone (it is deleting for a while, as in the service)", WAIT,
                () -> client.jobOperations().listJobs().stream().noneMatch(x -> x.id().equals(jobId)), gone -> gone);
        assertThatThrownBy(() -> client.jobOperations().getJob(jobId))
                .isInstanceOfSatisfying(BatchErrorException.class,
                        e -> assertThat(e.body().code()).isEqualTo("JobNotFound"));
    }

    @Test
    void jobTerminatesWhenAllTasksCompleteIfAsked() throws Exception {
        String jobId = job(new JobAddParameter());
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("a").withCommandLine("true"));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("b").withCommandLine("false"));
        await(jobId, "a", TaskState.COMPLETED);
        await(jobId, "b", TaskState.COMPLETED);
        assertThat(client.jobOperations().getJob(jobId).state()).isEqualTo(JobState.ACTIVE);

        client.jobOperations().patchJob(jobId, OnAllTasksComplete.TERMINATE_JOB);
        CloudJob j = Await.until("job to complete", WAIT, () -> client.jobOperations().getJob(jobId),
                x -> x.state() == JobState.COMPLETED);
        assertThat(j.executionInfo().terminateReason()).isEqualTo("AllTasksComplete");
        assertThat(j.onAllTasksComplete()).isEqualTo(OnAllTasksComplete.TERMINATE_JOB);
    }

    @Test
    void exitConditionsDecideTheJobActionOnFailure() throws Exception {
        String jobId = job(new JobAddParameter().withOnTaskFailure(OnTaskFailure.PERFORM_EXIT_OPTIONS_JOB_ACTION));
        ExitConditions tolerate5 = new ExitConditions().withExitCodes(List.of(new ExitCodeMapping().withCode(5)
                .withExitOptions(new ExitOptions().withJobAction(JobAction.NONE))));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("five")
                .withCommandLine("/bin/sh -c 'exit 5'").withExitConditions(tolerate5));
        await(jobId, "five", TaskState.COMPLETED);
        assertThat(client.jobOperations().getJob(jobId).state()).isEqualTo(JobState.ACTIVE);

        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("six")
                .withCommandLine("/bin/sh -c 'exit 6'").withExitConditions(tolerate5));
        CloudJob j = Await.until("job to complete", WAIT, () -> client.jobOperations().getJob(jobId),
                x -> x.state() == JobState.COMPLETED);
        assertThat(j.executionInfo().terminateReason()).isEqualTo("TaskFailed");
    }

    @Test
    void dependentTasksWaitForSatisfiedParents() throws Exception {
        String jobId = job(new JobAddParameter().withUsesTaskDependencies(true));
        // Parent and child may run on different nodes, so they share a directory outside the nodes.
        String handOver = Files.createTempDirectory("handover-").resolve("made.txt").toString();
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("child")
                .withCommandLine("cat " + handOver)
                .withDependsOn(new TaskDependencies().withTaskIds(List.of("parent"))));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("parent")
                .withCommandLine("/bin/sh -c 'sleep 0.3; echo made-by-parent > " + handOver + "'"));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("blocked")
                .withCommandLine("true").withDependsOn(new TaskDependencies().withTaskIds(List.of("bad"))));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("bad").withCommandLine("false"));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("freed")
                .withCommandLine("true").withDependsOn(new TaskDependencies().withTaskIds(List.of("badButSatisfies"))));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("badButSatisfies")
                .withCommandLine("false").withExitConditions(new ExitConditions()
                        .withDefaultProperty(new ExitOptions().withDependencyAction(DependencyAction.SATISFY))));

        CloudTask child = await(jobId, "child", TaskState.COMPLETED);
        assertThat(child.executionInfo().exitCode()).isZero();
        await(jobId, "freed", TaskState.COMPLETED);
        await(jobId, "bad", TaskState.COMPLETED);
        Await.holds("blocked stays active", Duration.ofMillis(500),
                () -> client.taskOperations().getTask(jobId, "blocked").state() == TaskState.ACTIVE);

        String noDeps = job(new JobAddParameter());
        assertThatThrownBy(() -> client.taskOperations().createTask(noDeps, new TaskAddParameter().withId("x")
                .withCommandLine("true").withDependsOn(new TaskDependencies().withTaskIds(List.of("y")))))
                .isInstanceOfSatisfying(BatchErrorException.class,
                        e -> assertThat(e.body().code()).isEqualTo("TaskDependenciesNotSpecifiedOnJob"));
    }

    @Test
    void preemptedNodeRequeuesItsTaskOnAnotherNode() throws Exception {
        String id = EmulatorSdkIT.id("pool");
        client.poolOperations().createPool(EmulatorSdkIT.pool(id, 0, 1).withTargetLowPriorityNodes(2));
        String jobId = EmulatorSdkIT.id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(id));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("spot").withCommandLine("sleep 60"));
        CloudTask first = await(jobId, "spot", TaskState.RUNNING);

        emulator.preemptNode(id, first.nodeInfo().nodeId());
        CloudTask again = Await.until("task to run on the other node", WAIT,
                () -> client.taskOperations().getTask(jobId, "spot"),
                t -> t.state() == TaskState.RUNNING && !t.nodeInfo().nodeId().equals(first.nodeInfo().nodeId()));
        assertThat(again.executionInfo().requeueCount()).isEqualTo(1);
        assertThat(again.executionInfo().lastRequeueTime()).isNotNull();
        assertThat(client.computeNodeOperations().getComputeNode(id, first.nodeInfo().nodeId()).state().toString())
                .isEqualTo("preempted");
        client.taskOperations().terminateTask(jobId, "spot");
        await(jobId, "spot", TaskState.COMPLETED);
    }

    @Test
    void restartOnTheSameDataDirRestoresStateAndRequeuesInterruptedTasks() throws Exception {
        Path dataDir = Files.createTempDirectory("emu-state-");
        String jobId;
        int port = FreePorts.pick();
        EmulatorSettings settings = EmulatorSettings.defaults().dataDir(dataDir).port(port);
        try (BatchEmulator first = BatchEmulator.start(settings)) {
            BatchClient c = BatchClient.open(new BatchSharedKeyCredentials(first.url(), first.accountName(),
                    first.accountKey()));
            c.poolOperations().createPool(EmulatorSdkIT.pool("keep", 1, 1));
            jobId = EmulatorSdkIT.id("job");
            c.jobOperations().createJob(jobId, new PoolInformation().withPoolId("keep"));
            c.taskOperations().createTask(jobId, new TaskAddParameter().withId("done").withCommandLine("echo kept"));
            Await.until("done to complete", WAIT, () -> c.taskOperations().getTask(jobId, "done"),
                    t -> t.state() == TaskState.COMPLETED);
            c.taskOperations().createTask(jobId, new TaskAddParameter().withId("cut").withCommandLine("sleep 60"));
            Await.until("cut to run", WAIT, () -> c.taskOperations().getTask(jobId, "cut"),
                    t -> t.state() == TaskState.RUNNING);
        }
        try (BatchEmulator second = BatchEmulator.start(settings)) {
            BatchClient c = BatchClient.open(new BatchSharedKeyCredentials(second.url(), second.accountName(),
                    second.accountKey()));
            assertThat(c.poolOperations().existsPool("keep")).isTrue();
            CloudTask done = c.taskOperations().getTask(jobId, "done");
            assertThat(done.state()).isEqualTo(TaskState.COMPLETED);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.fileOperations().getFileFromTask(jobId, "done", "stdout.txt", out);
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("kept\n");
            CloudTask cut = Await.until("cut to run again", WAIT, () -> c.taskOperations().getTask(jobId, "cut"),
                    t -> t.state() == TaskState.RUNNING);
            assertThat(cut.executionInfo().requeueCount()).isEqualTo(1);
            c.taskOperations().terminateTask(jobId, "cut");
        }
    }

    @Test
    void aPoolSavedWhileResizingIsSteadyAfterARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("emu-resizing-");
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // Resizes that outlast the process: the pool is saved as resizing.
        EmulatorSettings settings = EmulatorSettings.defaults().dataDir(dataDir).port(port)
                .resizeDuration(java.time.Duration.ofHours(1));
        try (BatchEmulator first = BatchEmulator.start(settings)) {
            BatchClient c = BatchClient.open(new BatchSharedKeyCredentials(first.url(), first.accountName(),
                    first.accountKey()));
            c.poolOperations().createPool(EmulatorSdkIT.pool("halfway", 1, 1));
            assertThat(c.poolOperations().getPool("halfway").allocationState()).isEqualTo(AllocationState.RESIZING);
        }
        try (BatchEmulator second = BatchEmulator.start(settings)) {
            BatchClient c = BatchClient.open(new BatchSharedKeyCredentials(second.url(), second.accountName(),
                    second.accountKey()));
            assertThat(c.poolOperations().getPool("halfway").allocationState()).isEqualTo(AllocationState.STEADY);
            c.poolOperations().resizePool("halfway", 2, 0);
        }
    }

    @Test
    void resizingAddsAndRemovesNodes() throws Exception {
        String id = EmulatorSdkIT.id("pool");
        client.poolOperations().createPool(EmulatorSdkIT.pool(id, 1, 1));
        client.poolOperations().resizePool(id, 3, 0);
        Await.until("3 idle nodes", WAIT, () -> client.computeNodeOperations().listComputeNodes(id),
                l -> l.size() == 3 && l.stream().allMatch(n -> n.state().toString().equals("idle")));
        client.poolOperations().resizePool(id, 1, 1);
        List<ComputeNode> nodes = Await.until("1 dedicated + 1 low-priority node", WAIT,
                () -> client.computeNodeOperations().listComputeNodes(id), l -> l.size() == 2);
        assertThat(nodes).extracting(ComputeNode::isDedicated).containsExactlyInAnyOrder(true, false);
        assertThat(client.poolOperations().getPool(id).currentLowPriorityNodes()).isEqualTo(1);
    }

    @Test
    void injectedFaultsAnswerServerBusyOrTooManyRequests() throws Exception {
        try (BatchEmulator busy = BatchEmulator.start(EmulatorSettings.defaults().faultRate(1.0).faultStatus(429))) {
            BatchClient c = BatchClient.open(new BatchSharedKeyCredentials(busy.url(), busy.accountName(),
                    busy.accountKey()));
            assertThatThrownBy(() -> c.poolOperations().listPools())
                    .isInstanceOfSatisfying(BatchErrorException.class, e -> {
                        assertThat(e.response().code()).isEqualTo(429);
                        assertThat(e.response().headers().get("Retry-After")).isEqualTo("1");
                        assertThat(e.body().code()).isEqualTo("TooManyRequests");
                    });
        }
        try (BatchEmulator busy = BatchEmulator.start(EmulatorSettings.defaults().faultRate(1.0))) {
            BatchClient c = BatchClient.open(new BatchSharedKeyCredentials(busy.url(), busy.accountName(),
                    busy.accountKey()));
            assertThatThrownBy(() -> c.poolOperations().getPool("p"))
                    .isInstanceOfSatisfying(BatchErrorException.class, e -> {
                        assertThat(e.response().code()).isEqualTo(503);
                        assertThat(e.body().code()).isEqualTo("ServerBusy");
                    });
        }
    }

    @Test
    void commandLinePrintsOneReadyLineAndStopsOnSigterm() throws Exception {
        Path dataDir = Files.createTempDirectory("emu-cli-");
        Path stdout = dataDir.resolve("stdout.log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.util=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                EmulatorCommand.class.getName(), "--port", "0", "--account", "cliacct", "--well-known-key",
                "--data-dir", dataDir.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(stdout.toFile()).start();
        // Log lines share stdout under the application's log4j2 configuration; the ready line must appear once.
        String ready = "Batch emulator listening on http://127\\.0\\.0\\.1:\\d+ account=cliacct key=well-known";
        try {
            String line = Await.until("the ready line", WAIT,
                    () -> Files.readAllLines(stdout).stream().filter(l -> l.matches(ready)).findFirst().orElse(null),
                    l -> l != null);
            String url = line.substring("Batch emulator listening on ".length(), line.indexOf(" account="));
            BatchClient c = BatchClient.open(new BatchSharedKeyCredentials(url, "cliacct",
                    EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY));
            assertThat(c.poolOperations().existsPool("none")).isFalse();
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        } finally {
            p.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(stdout);
        assertThat(lines.stream().filter(l -> l.matches(ready))).hasSize(1);
        assertThat(lines).noneMatch(l -> l.contains(EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY));
        assertThat(dataDir.resolve("nodes")).isDirectory();
    }
}
