package io.batchroutes.emulator;

import io.batchroutes.testsupport.Await;
import static io.batchroutes.emulator.EmulatorSdkIT.id;
import static io.batchroutes.emulator.EmulatorSdkIT.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.AllocationState;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeDeallocationOption;
import com.microsoft.azure.batch.protocol.models.ComputeNodeRebootOption;
import com.microsoft.azure.batch.protocol.models.ComputeNodeReimageOption;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import com.microsoft.azure.batch.protocol.models.DisableComputeNodeSchedulingOption;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.SchedulingState;
import com.microsoft.azure.batch.protocol.models.StartTask;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskExecutionResult;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nodes and pools through the unmodified Java SDK: reboot and reimage with their options, disable/enable
 * scheduling, remove nodes, stop resize, patch and update-properties, and the transient states (resizing, starting,
 * waitingforstarttask, rebooting, reimaging, leavingpool) the emulator shows for its resize duration.
 */
class EmulatorNodesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough to see the transient states on a loaded machine, short enough to keep the test in seconds. */
    private static final Duration RESIZE = Duration.ofMillis(700);
    private static final String BOOT_COUNTER = "/bin/sh -c 'echo boot >> \"$AZ_BATCH_NODE_SHARED_DIR/boots\"'";
    private static BatchEmulator emulator;
    private static BatchClient client;

    @BeforeAll
    static void start() {
        emulator = BatchEmulator.start(EmulatorSettings.defaults().resizeDuration(RESIZE));
        client = BatchClient.open(new BatchSharedKeyCredentials(emulator.url(), emulator.accountName(),
                emulator.accountKey()));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void assertBatchError(ThrowingRunnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BatchErrorException.class, e -> {
            assertThat(e.response().code()).isEqualTo(status);
            assertThat(e.body().code()).isEqualTo(code);
        });
    }

    private static String poolWithStartTask(int nodes) throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, nodes, 1)
                .withStartTask(new StartTask().withCommandLine(BOOT_COUNTER).withWaitForSuccess(true)));
        return poolId;
    }

    private static ComputeNode awaitNode(String poolId, String nodeId, ComputeNodeState state) {
        return Await.until("node " + nodeId + " " + state, WAIT,
                () -> client.computeNodeOperations().getComputeNode(poolId, nodeId), n -> n.state() == state);
    }

    private static List<ComputeNode> awaitIdle(String poolId, int count) {
        return Await.until(count + " idle nodes", WAIT, () -> client.computeNodeOperations().listComputeNodes(poolId),
                l -> l.size() == count && l.stream().allMatch(n -> n.state() == ComputeNodeState.IDLE));
    }

    private static CloudTask awaitTask(String jobId, String taskId, java.util.function.Predicate<CloudTask> done,
            String what) {
        return Await.until("task " + taskId + " " + what, WAIT, () -> client.taskOperations().getTask(jobId, taskId),
                done);
    }

    private static String nodeFile(String poolId, String nodeId, String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.fileOperations().getFileFromComputeNode(poolId, nodeId, path, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNewPoolIsResizingAndItsNodesStartingThenWaitingForTheirStartTask() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 1, 1).withStartTask(new StartTask()
                .withCommandLine("/bin/sh -c 'sleep 1'").withWaitForSuccess(true)));
        assertThat(client.poolOperations().getPool(poolId).allocationState()).isEqualTo(AllocationState.RESIZING);
        String nodeId = client.computeNodeOperations().listComputeNodes(poolId).get(0).id();
        assertThat(client.computeNodeOperations().getComputeNode(poolId, nodeId).state()).isEqualTo(ComputeNodeState.STARTING);
        awaitNode(poolId, nodeId, ComputeNodeState.WAITING_FOR_START_TASK);
        Await.until("steady", WAIT, () -> client.poolOperations().getPool(poolId),
                p -> p.allocationState() == AllocationState.STEADY);
        awaitNode(poolId, nodeId, ComputeNodeState.IDLE);
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void rebootRequeuesTheRunningTaskAndRunsTheStartTaskAgain() throws Exception {
        String poolId = poolWithStartTask(1);
        String nodeId = awaitIdle(poolId, 1).get(0).id();
        String jobId = id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("long")
                .withCommandLine("/bin/sh -c 'sleep 60'"));
        awaitTask(jobId, "long", t -> t.state() == TaskState.RUNNING, "running");

        client.computeNodeOperations().rebootComputeNode(poolId, nodeId, ComputeNodeRebootOption.REQUEUE);
        assertThat(client.computeNodeOperations().getComputeNode(poolId, nodeId).state()).isEqualTo(ComputeNodeState.REBOOTING);
        assertBatchError(() -> client.computeNodeOperations().rebootComputeNode(poolId, nodeId,
                ComputeNodeRebootOption.REQUEUE), 409, "NodeBeingRebooted");
        CloudTask requeued = awaitTask(jobId, "long", t -> t.executionInfo().requeueCount() == 1, "requeued");
        assertThat(requeued.executionInfo().failureInfo()).isNull();
        awaitTask(jobId, "long", t -> t.state() == TaskState.RUNNING, "running again after the reboot");
        assertThat(nodeFile(poolId, nodeId, "shared/boots")).isEqualTo("boot\nboot\n");

        client.computeNodeOperations().rebootComputeNode(poolId, nodeId, ComputeNodeRebootOption.TERMINATE);
        CloudTask ended = awaitTask(jobId, "long", t -> t.state() == TaskState.COMPLETED, "completed");
        assertThat(ended.executionInfo().result()).isEqualTo(TaskExecutionResult.FAILURE);
        assertThat(ended.executionInfo().requeueCount()).isEqualTo(1);
        awaitNode(poolId, nodeId, ComputeNodeState.IDLE);

        assertBatchError(() -> client.computeNodeOperations().rebootComputeNode(poolId, "tvm-nope",
                ComputeNodeRebootOption.REQUEUE), 404, "NodeNotFound");
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void reimageWithTaskCompletionLetsTheTaskFinishThenWipesTheNode() throws Exception {
        String poolId = poolWithStartTask(1);
        String nodeId = awaitIdle(poolId, 1).get(0).id();
        String jobId = id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("short")
                .withCommandLine("/bin/sh -c 'sleep 1; echo done'"));
        awaitTask(jobId, "short", t -> t.state() == TaskState.RUNNING, "running");

        client.computeNodeOperations().reimageComputeNode(poolId, nodeId, ComputeNodeReimageOption.TASK_COMPLETION);
        assertThat(client.computeNodeOperations().getComputeNode(poolId, nodeId).state()).isEqualTo(ComputeNodeState.RUNNING);
        CloudTask done = awaitTask(jobId, "short", t -> t.state() == TaskState.COMPLETED, "completed");
        assertThat(done.executionInfo().result()).isEqualTo(TaskExecutionResult.SUCCESS);
        awaitNode(poolId, nodeId, ComputeNodeState.REIMAGING);
        awaitNode(poolId, nodeId, ComputeNodeState.IDLE);
        assertThat(nodeFile(poolId, nodeId, "shared/boots")).as("the reimage wiped the first boot's file")
                .isEqualTo("boot\n");
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void disabledSchedulingRequeuesAndKeepsTasksOffUntilEnabled() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 1, 1));
        String nodeId = awaitIdle(poolId, 1).get(0).id();
        String jobId = id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("t").withCommandLine("/bin/sleep 60"));
        awaitTask(jobId, "t", t -> t.state() == TaskState.RUNNING, "running");

        client.computeNodeOperations().disableComputeNodeScheduling(poolId, nodeId,
                DisableComputeNodeSchedulingOption.REQUEUE);
        assertThat(client.computeNodeOperations().getComputeNode(poolId, nodeId).schedulingState())
                .isEqualTo(SchedulingState.DISABLED);
        awaitTask(jobId, "t", t -> t.state() == TaskState.ACTIVE && t.executionInfo().requeueCount() == 1, "requeued");
        Await.holds("the task stays off the disabled node", Duration.ofSeconds(1),
                () -> client.taskOperations().getTask(jobId, "t").state() == TaskState.ACTIVE);
        assertBatchError(() -> client.computeNodeOperations().disableComputeNodeScheduling(poolId, nodeId,
                DisableComputeNodeSchedulingOption.REQUEUE), 409, "NodeAlreadyInTargetSchedulingState");

        client.computeNodeOperations().enableComputeNodeScheduling(poolId, nodeId);
        awaitTask(jobId, "t", t -> t.state() == TaskState.RUNNING, "running again");
        client.taskOperations().terminateTask(jobId, "t");
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void removeNodesTakesTheNamedNodesOutAndLowersTheTarget() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 3, 1));
        List<ComputeNode> nodes = awaitIdle(poolId, 3);
        Await.until("steady", WAIT, () -> client.poolOperations().getPool(poolId),
                p -> p.allocationState() == AllocationState.STEADY);
        String victim = nodes.get(1).id();

        client.poolOperations().removeNodeFromPool(poolId, victim, ComputeNodeDeallocationOption.REQUEUE);
        CloudPool p = client.poolOperations().getPool(poolId);
        assertThat(p.targetDedicatedNodes()).isEqualTo(2);
        assertThat(p.allocationState()).isEqualTo(AllocationState.RESIZING);
        assertBatchError(() -> client.poolOperations().removeNodeFromPool(poolId, nodes.get(0).id()), 409,
                "PoolBeingResized");
        assertBatchError(() -> client.poolOperations().resizePool(poolId, 1, 0), 409, "PoolBeingResized");
        Await.until("the node gone and the pool steady", WAIT, () -> client.poolOperations().getPool(poolId),
                x -> x.currentDedicatedNodes() == 2 && x.allocationState() == AllocationState.STEADY);
        assertThat(client.computeNodeOperations().listComputeNodes(poolId)).extracting(ComputeNode::id)
                .doesNotContain(victim);
        assertBatchError(() -> client.poolOperations().removeNodeFromPool(poolId, "tvm-nope"), 404, "NodeNotFound");
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void removingABusyNodeWithTaskCompletionShowsItLeavingThePool() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 1, 1));
        String nodeId = awaitIdle(poolId, 1).get(0).id();
        Await.until("steady", WAIT, () -> client.poolOperations().getPool(poolId),
                p -> p.allocationState() == AllocationState.STEADY);
        String jobId = id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("t")
                .withCommandLine("/bin/sh -c 'sleep 1'"));
        awaitTask(jobId, "t", t -> t.state() == TaskState.RUNNING, "running");
        client.poolOperations().removeNodeFromPool(poolId, nodeId, ComputeNodeDeallocationOption.TASK_COMPLETION);
        assertThat(client.computeNodeOperations().getComputeNode(poolId, nodeId).state())
                .isEqualTo(ComputeNodeState.LEAVING_POOL);
        CloudTask done = awaitTask(jobId, "t", t -> t.state() == TaskState.COMPLETED, "completed");
        assertThat(done.executionInfo().result()).isEqualTo(TaskExecutionResult.SUCCESS);
        Await.until("no nodes", WAIT, () -> client.computeNodeOperations().listComputeNodes(poolId), List::isEmpty);
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void stopResizeEndsTheResizeAndSaysSo() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 0, 1));
        Await.until("steady", WAIT, () -> client.poolOperations().getPool(poolId),
                p -> p.allocationState() == AllocationState.STEADY);
        client.poolOperations().resizePool(poolId, 2, 0);
        assertThat(client.poolOperations().getPool(poolId).allocationState()).isEqualTo(AllocationState.RESIZING);
        client.poolOperations().stopResizePool(poolId);
        CloudPool stopping = client.poolOperations().getPool(poolId);
        assertThat(stopping.allocationState()).isEqualTo(AllocationState.STOPPING);
        assertThat(stopping.resizeErrors()).extracting(e -> e.code()).containsExactly("ResizeStopped");
        Await.until("steady", WAIT, () -> client.poolOperations().getPool(poolId),
                p -> p.allocationState() == AllocationState.STEADY);
        assertBatchError(() -> client.poolOperations().stopResizePool("nope"), 404, "PoolNotFound");
        client.poolOperations().deletePool(poolId);
    }

    @Test
    void patchAndUpdatePropertiesChangeThePoolAndTheStartTaskAppliesOnReboot() throws Exception {
        String poolId = poolWithStartTask(1);
        String nodeId = awaitIdle(poolId, 1).get(0).id();
        String etag = client.poolOperations().getPool(poolId).eTag();

        client.poolOperations().patchPool(poolId, new StartTask()
                .withCommandLine("/bin/sh -c 'echo patched >> \"$AZ_BATCH_NODE_SHARED_DIR/boots\"'"), null, null,
                List.of(new MetadataItem().withName("owner").withValue("emu-b")));
        CloudPool patched = client.poolOperations().getPool(poolId);
        assertThat(patched.eTag()).isNotEqualTo(etag);
        assertThat(patched.metadata()).extracting(MetadataItem::value).containsExactly("emu-b");
        assertThat(patched.startTask().commandLine()).contains("patched");
        assertThat(client.computeNodeOperations().getComputeNode(poolId, nodeId).startTask().commandLine())
                .as("a node already in the pool keeps its start task until it restarts").isEqualTo(BOOT_COUNTER);

        client.computeNodeOperations().rebootComputeNode(poolId, nodeId, ComputeNodeRebootOption.REQUEUE);
        Await.until("the patched start task ran", WAIT, () -> nodeFile(poolId, nodeId, "shared/boots"),
                s -> s.equals("boot\npatched\n"));
        assertThat(client.computeNodeOperations().getComputeNode(poolId, nodeId).startTask().commandLine()).contains("patched");

        client.poolOperations().updatePoolProperties(poolId, null, List.of(), List.of(), List.of());
        CloudPool updated = client.poolOperations().getPool(poolId);
        assertThat(updated.startTask()).as("update-properties without a start task removes it").isNull();
        assertThat(updated.metadata()).isNullOrEmpty();
        assertBatchError(() -> client.poolOperations().patchPool(poolId, null, null,
                List.of(new com.microsoft.azure.batch.protocol.models.ApplicationPackageReference()
                        .withApplicationId("no-such-app").withVersion("1")), null),
                409, "InvalidApplicationPackageReferences");
        assertBatchError(() -> client.poolOperations().patchPool("nope", null, null, null, List.of()), 404,
                "PoolNotFound");
        client.poolOperations().deletePool(poolId);
    }
}
