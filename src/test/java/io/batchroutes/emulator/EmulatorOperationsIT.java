package io.batchroutes.emulator;

import io.batchroutes.testsupport.BatchTasks;
import io.batchroutes.testsupport.Await;
import static io.batchroutes.emulator.EmulatorSdkIT.id;
import static io.batchroutes.emulator.EmulatorSdkIT.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.AutoScaleRun;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import com.microsoft.azure.batch.protocol.models.DisableJobOption;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobConstraints;
import com.microsoft.azure.batch.protocol.models.JobPreparationAndReleaseTaskExecutionInformation;
import com.microsoft.azure.batch.protocol.models.JobPreparationTask;
import com.microsoft.azure.batch.protocol.models.JobReleaseTask;
import com.microsoft.azure.batch.protocol.models.JobState;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.OnAllTasksComplete;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.PoolNodeCounts;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskConstraints;
import com.microsoft.azure.batch.protocol.models.TaskExecutionResult;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.joda.time.Period;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operations beyond the seeds' flows, driven by the unmodified Java SDK: node counts, autoscale, job update /
 * disable / enable, job preparation and release tasks, task update / reactivate, retention time, and preemption at
 * a rate.
 */
class EmulatorOperationsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static BatchEmulator emulator;
    private static BatchClient client;

    @BeforeAll
    static void start() {
        emulator = BatchEmulator.start(EmulatorSettings.defaults());
        client = open(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static BatchClient open(BatchEmulator e) {
        return BatchClient.open(new BatchSharedKeyCredentials(e.url(), e.accountName(), e.accountKey()));
    }

    private static String poolWithJob(BatchClient c, String jobId, int nodes, int slots) throws Exception {
        String poolId = id("pool");
        c.poolOperations().createPool(pool(poolId, nodes, slots));
        c.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        return poolId;
    }

    private static CloudTask await(BatchClient c, String jobId, String taskId, TaskState state) {
        return BatchTasks.awaitState(c, jobId, taskId, state, WAIT);
    }

    private static void assertBatchError(ThrowingRunnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BatchErrorException.class, e -> {
            assertThat(e.response().code()).isEqualTo(status);
            assertThat(e.body().code()).isEqualTo(code);
        });
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void nodeCountsTellDedicatedAndSpotNodesApartByState() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 2, 1).withTargetLowPriorityNodes(1));
        PoolNodeCounts counts = Await.until("3 idle nodes", WAIT,
                () -> client.accountOperations().listPoolNodeCounts().stream()
                        .filter(c -> c.poolId().equals(poolId)).findFirst().orElseThrow(),
                c -> c.dedicated().idle() == 2 && c.lowPriority().idle() == 1);
        assertThat(counts.dedicated().total()).isEqualTo(2);
        assertThat(counts.lowPriority().total()).isEqualTo(1);
        assertThat(counts.dedicated().running()).isZero();
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void autoscaleFormulaSetsTheNodeCountsAndCanBeEvaluatedAndDisabled() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(new PoolAddParameter().withId(poolId).withVmSize("STANDARD_D2S_V3")
                .withVirtualMachineConfiguration(pool("x", 0, 1).virtualMachineConfiguration())
                .withEnableAutoScale(true).withAutoScaleEvaluationInterval(Period.minutes(5))
                .withAutoScaleFormula("start = 2; $TargetDedicatedNodes = min(start, 10); "
                        + "$TargetLowPriorityNodes = $PendingTasks.GetSamplePercent(60 * TimeInterval_Second) < 70 ? 0 : 1;"
                        + "$NodeDeallocationOption = taskcompletion;"));
        CloudPool p = client.poolOperations().getPool(poolId);
        assertThat(p.enableAutoScale()).isTrue();
        assertThat(p.targetDedicatedNodes()).isEqualTo(2);
        assertThat(p.targetLowPriorityNodes()).isEqualTo(1);
        assertThat(p.autoScaleRun().results()).contains("$TargetDedicatedNodes=2", "start=2",
                "$NodeDeallocationOption=taskcompletion");
        Await.until("3 nodes", WAIT, () -> client.poolOperations().getPool(poolId),
                x -> x.currentDedicatedNodes() == 2 && x.currentLowPriorityNodes() == 1);

        AutoScaleRun run = client.poolOperations().evaluateAutoScale(poolId,
                "$TargetDedicatedNodes = max($PendingTasks.GetSample(1)) + 4;");
        assertThat(run.results()).contains("$TargetDedicatedNodes=4");
        assertThat(run.error()).isNull();
        assertThat(client.poolOperations().getPool(poolId).targetDedicatedNodes()).as("evaluate does not apply")
                .isEqualTo(2);
        assertBatchError(() -> client.poolOperations().evaluateAutoScale(poolId, "$TargetDedicatedNodes = $CPUPercent;"),
                400, "AutoScalingFormulaSyntaxError");
        assertBatchError(() -> client.poolOperations().resizePool(poolId, 1, 0), 409,
                "OperationInvalidForCurrentState");

        client.poolOperations().enableAutoScale(poolId, "$TargetDedicatedNodes = 1; $TargetLowPriorityNodes = 0;",
                Period.minutes(5));
        Await.until("1 node", WAIT, () -> client.poolOperations().getPool(poolId),
                x -> x.currentDedicatedNodes() == 1 && x.currentLowPriorityNodes() == 0);

        client.poolOperations().disableAutoScale(poolId);
        CloudPool off = client.poolOperations().getPool(poolId);
        assertThat(off.enableAutoScale()).isFalse();
        assertThat(off.autoScaleFormula()).isNull();
        assertBatchError(() -> client.poolOperations().evaluateAutoScale(poolId, "$TargetDedicatedNodes = 1;"),
                409, "InvalidAutoScalingSettings");
        client.poolOperations().resizePool(poolId, 2, 0);
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void autoscaleFollowsPendingTasksEveryInterval() throws Exception {
        try (BatchEmulator fast = BatchEmulator.start(EmulatorSettings.defaults()
                .autoScaleMinInterval(Duration.ofSeconds(1)))) {
            BatchClient c = open(fast);
            String poolId = id("pool");
            c.poolOperations().createPool(new PoolAddParameter().withId(poolId).withVmSize("STANDARD_D2S_V3")
                    .withVirtualMachineConfiguration(pool("x", 0, 1).virtualMachineConfiguration())
                    .withEnableAutoScale(true).withAutoScaleEvaluationInterval(Period.seconds(1))
                    .withAutoScaleFormula("$TargetDedicatedNodes = min(2, avg($PendingTasks.GetSample(1)));"
                            + "$NodeDeallocationOption = taskcompletion;"));
            assertThat(c.poolOperations().getPool(poolId).targetDedicatedNodes()).isZero();
            String jobId = id("job");
            c.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
            c.taskOperations().createTask(jobId, new TaskAddParameter().withId("a").withCommandLine("/bin/true"));
            c.taskOperations().createTask(jobId, new TaskAddParameter().withId("b").withCommandLine("/bin/true"));

            Await.until("the formula to add nodes for the pending tasks", WAIT,
                    () -> c.poolOperations().getPool(poolId), x -> x.targetDedicatedNodes() == 2);
            await(c, jobId, "a", TaskState.COMPLETED);
            await(c, jobId, "b", TaskState.COMPLETED);
            Await.until("the formula to remove the idle nodes", WAIT, () -> c.poolOperations().getPool(poolId),
                    x -> x.targetDedicatedNodes() == 0 && x.currentDedicatedNodes() == 0);
        }
    }

    @Test
    void updateReplacesTheJobsSettings() throws Exception {
        String jobId = id("job");
        String poolId = poolWithJob(client, jobId, 0, 1);
        client.jobOperations().patchJob(jobId, null, 5, null, null, List.of(new MetadataItem().withName("a").withValue("1")));
        client.jobOperations().updateJob(jobId, new PoolInformation().withPoolId(poolId), null,
                new JobConstraints().withMaxTaskRetryCount(2), OnAllTasksComplete.TERMINATE_JOB, null);
        CloudJob j = client.jobOperations().getJob(jobId);
        assertThat(j.priority()).as("left out: back to the default").isZero();
        assertThat(j.metadata()).as("left out: cleared").isNullOrEmpty();
        assertThat(j.constraints().maxTaskRetryCount()).isEqualTo(2);
        assertThat(j.onAllTasksComplete()).isEqualTo(OnAllTasksComplete.TERMINATE_JOB);
        assertBatchError(() -> client.jobOperations().updateJob(jobId, new PoolInformation().withPoolId(poolId), null,
                null, OnAllTasksComplete.NO_ACTION, null), 400, "InvalidPropertyValue");
    }

    @Test
    void disablingRequeuesRunningTasksAndEnablingRunsThemAgain() throws Exception {
        String jobId = id("job");
        poolWithJob(client, jobId, 1, 1);
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("long").withCommandLine("sleep 60"));
        await(client, jobId, "long", TaskState.RUNNING);

        client.jobOperations().disableJob(jobId, DisableJobOption.REQUEUE);
        Await.until("the job to be disabled", WAIT, () -> client.jobOperations().getJob(jobId),
                j -> j.state() == JobState.DISABLED);
        CloudTask requeued = await(client, jobId, "long", TaskState.ACTIVE);
        assertThat(requeued.executionInfo().requeueCount()).isEqualTo(1);
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("later").withCommandLine("/bin/true"));
        assertThat(client.taskOperations().getTask(jobId, "later").state()).as("nothing starts while disabled")
                .isEqualTo(TaskState.ACTIVE);
        assertBatchError(() -> client.jobOperations().disableJob(jobId, DisableJobOption.WAIT), 409, "JobNotActive");

        client.taskOperations().updateTask(jobId, "long", new TaskConstraints().withMaxWallClockTime(Period.seconds(1)));
        client.jobOperations().enableJob(jobId);
        assertThat(client.jobOperations().getJob(jobId).state()).isEqualTo(JobState.ACTIVE);
        CloudTask timedOut = await(client, jobId, "long", TaskState.COMPLETED);
        assertThat(timedOut.executionInfo().failureInfo().message()).as("the updated wall clock applies")
                .contains("maximum wall clock time");
        await(client, jobId, "later", TaskState.COMPLETED);
        assertBatchError(() -> client.taskOperations().updateTask(jobId, "later", new TaskConstraints()), 409,
                "TaskCompleted");
    }

    @Test
    void disablingWithWaitLetsRunningTasksFinish() throws Exception {
        String jobId = id("job");
        poolWithJob(client, jobId, 1, 1);
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("t").withCommandLine("sleep 1"));
        await(client, jobId, "t", TaskState.RUNNING);
        client.jobOperations().disableJob(jobId, DisableJobOption.WAIT);
        assertThat(client.jobOperations().getJob(jobId).state()).isEqualTo(JobState.DISABLING);
        CloudTask t = await(client, jobId, "t", TaskState.COMPLETED);
        assertThat(t.executionInfo().result()).isEqualTo(TaskExecutionResult.SUCCESS);
        Await.until("the job to be disabled", WAIT, () -> client.jobOperations().getJob(jobId),
                j -> j.state() == JobState.DISABLED);
    }

    @Test
    void reactivateRunsAFailedTaskAgain() throws Exception {
        String jobId = id("job");
        poolWithJob(client, jobId, 1, 1);
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("flaky")
                .withCommandLine("/bin/sh -c 'test -e ../../marker || { touch ../../marker; exit 3; }'"));
        CloudTask failed = await(client, jobId, "flaky", TaskState.COMPLETED);
        assertThat(failed.executionInfo().exitCode()).isEqualTo(3);
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("fine").withCommandLine("/bin/true"));
        await(client, jobId, "fine", TaskState.COMPLETED);
        assertBatchError(() -> client.taskOperations().reactivateTask(jobId, "fine"), 409,
                "OperationInvalidForCurrentState");

        client.taskOperations().reactivateTask(jobId, "flaky");
        CloudTask again = Await.until("flaky to run again and succeed", WAIT,
                () -> client.taskOperations().getTask(jobId, "flaky"),
                t -> t.state() == TaskState.COMPLETED && t.executionInfo().exitCode() == 0);
        assertThat(again.executionInfo().result()).isEqualTo(TaskExecutionResult.SUCCESS);
    }

    @Test
    void preparationRunsOncePerNodeBeforeTasksAndReleaseRunsWhenTheJobEnds() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 1, 2));
        String jobId = id("job");
        client.jobOperations().createJob(new JobAddParameter().withId(jobId)
                .withPoolInfo(new PoolInformation().withPoolId(poolId))
                .withJobPreparationTask(new JobPreparationTask()
                        .withCommandLine("/bin/sh -c 'echo prepared > ready.txt; echo ran >> ../../prep-count'"))
                .withJobReleaseTask(new JobReleaseTask().withCommandLine("/bin/sh -c 'echo released'")));
        for (String t : List.of("t1", "t2", "t3")) {
            client.taskOperations().createTask(jobId, new TaskAddParameter().withId(t)
                    .withCommandLine("/bin/sh -c 'cat \"$AZ_BATCH_JOB_PREP_WORKING_DIR/ready.txt\"'"));
        }
        for (String t : List.of("t1", "t2", "t3")) {
            CloudTask done = await(client, jobId, t, TaskState.COMPLETED);
            assertThat(done.executionInfo().result()).isEqualTo(TaskExecutionResult.SUCCESS);
            assertThat(stdout(jobId, t)).isEqualTo("prepared\n");
        }
        List<JobPreparationAndReleaseTaskExecutionInformation> status =
                client.jobOperations().listPreparationAndReleaseTaskStatus(jobId);
        assertThat(status).hasSize(1);
        assertThat(status.get(0).poolId()).isEqualTo(poolId);
        assertThat(status.get(0).jobPreparationTaskExecutionInfo().exitCode()).isZero();
        assertThat(status.get(0).jobPreparationTaskExecutionInfo().retryCount()).isZero();
        assertThat(status.get(0).jobReleaseTaskExecutionInfo()).isNull();
        ByteArrayOutputStream count = new ByteArrayOutputStream();
        client.fileOperations().getFileFromComputeNode(poolId, status.get(0).nodeId(),
                "workitems/" + jobId + "/job-1/prep-count", count);
        assertThat(count.toString(StandardCharsets.UTF_8)).as("once on the node for three tasks").isEqualTo("ran\n");
        assertBatchError(() -> client.taskOperations().createTask(jobId,
                new TaskAddParameter().withId("jobpreparation").withCommandLine("/bin/true")), 409,
                "TaskIdSameAsJobPreparationTask");

        client.jobOperations().terminateJob(jobId, "done");
        Await.until("the job to complete after its release task", WAIT, () -> client.jobOperations().getJob(jobId),
                j -> j.state() == JobState.COMPLETED);
        var release = client.jobOperations().listPreparationAndReleaseTaskStatus(jobId).get(0)
                .jobReleaseTaskExecutionInfo();
        assertThat(release.exitCode()).isZero();
        assertThat(release.taskRootDirectory()).endsWith("/jobrelease");
    }

    @Test
    void aFailedPreparationKeepsTheJobsTasksOffThatNode() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 1, 1));
        String jobId = id("job");
        client.jobOperations().createJob(new JobAddParameter().withId(jobId)
                .withPoolInfo(new PoolInformation().withPoolId(poolId))
                .withJobPreparationTask(new JobPreparationTask().withCommandLine("/bin/sh -c 'exit 7'")));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("t").withCommandLine("/bin/true"));
        var prep = Await.until("the preparation task to fail", WAIT,
                () -> client.jobOperations().listPreparationAndReleaseTaskStatus(jobId),
                l -> !l.isEmpty() && l.get(0).jobPreparationTaskExecutionInfo().exitCode() != null).get(0);
        assertThat(prep.jobPreparationTaskExecutionInfo().exitCode()).isEqualTo(7);
        assertThat(prep.jobPreparationTaskExecutionInfo().failureInfo().code()).isEqualTo("FailureExitCode");
        CloudTask t = await(client, jobId, "t", TaskState.ACTIVE);
        assertThat(t.executionInfo() == null || t.executionInfo().exitCode() == null).as("the task never ran").isTrue();
        String jobWithout = id("job");
        client.jobOperations().createJob(jobWithout, new PoolInformation().withPoolId(poolId));
        assertBatchError(() -> client.jobOperations().listPreparationAndReleaseTaskStatus(jobWithout), 409,
                "JobPreparationTaskNotSpecified");
    }

    @Test
    void filesAreDeletedWhenTheRetentionTimeHasPassed() throws Exception {
        String jobId = id("job");
        poolWithJob(client, jobId, 1, 1);
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("kept").withCommandLine("echo kept"));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("brief").withCommandLine("echo brief")
                .withConstraints(new TaskConstraints().withRetentionTime(Period.seconds(1))));
        await(client, jobId, "brief", TaskState.COMPLETED);
        await(client, jobId, "kept", TaskState.COMPLETED);
        Await.until("brief's files to be deleted", WAIT, () -> {
            try {
                stdout(jobId, "brief");
                return null;
            } catch (BatchErrorException e) {
                return e.body().code();
            }
        }, "TaskFilesCleanedup"::equals);
        assertThat(stdout(jobId, "kept")).isEqualTo("kept\n");
    }

    @Test
    void spotNodesArePreemptedAtTheConfiguredRateAndTheirTasksRequeued() throws Exception {
        try (BatchEmulator faulty = BatchEmulator.start(EmulatorSettings.defaults()
                .preemptionInterval(Duration.ofSeconds(1)).preemptionRecovery(Duration.ofSeconds(1)))) {
            BatchClient c = open(faulty);
            String poolId = id("pool");
            c.poolOperations().createPool(pool(poolId, 0, 1).withTargetLowPriorityNodes(1));
            String jobId = id("job");
            c.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
            c.taskOperations().createTask(jobId, new TaskAddParameter().withId("t")
                    .withCommandLine("/bin/sh -c 'test -e ../../../../marker || { touch ../../../../marker; sleep 30; }'"));
            CloudTask done = Await.until("the task to be requeued by a preemption and then complete", WAIT,
                    () -> c.taskOperations().getTask(jobId, "t"), t -> t.state() == TaskState.COMPLETED);
            assertThat(done.executionInfo().requeueCount()).isGreaterThanOrEqualTo(1);
            assertThat(done.executionInfo().result()).isEqualTo(TaskExecutionResult.SUCCESS);
            List<ComputeNode> nodes = c.computeNodeOperations().listComputeNodes(poolId);
            assertThat(nodes).hasSize(1);
            assertThat(nodes.get(0).isDedicated()).isFalse();
            assertThat(nodes.get(0).state()).isIn(ComputeNodeState.IDLE, ComputeNodeState.PREEMPTED,
                    ComputeNodeState.STARTING, ComputeNodeState.RUNNING);
        }
    }

    private static String stdout(String jobId, String taskId) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromTask(jobId, taskId, "stdout.txt", out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
