package io.batchroutes.emulator;

import io.batchroutes.testsupport.Await;
import static io.batchroutes.emulator.EmulatorJobSchedulesIT.assertBatchError;
import static io.batchroutes.emulator.EmulatorSdkIT.id;
import static io.batchroutes.emulator.EmulatorSdkIT.pool;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.ComputeNodeRebootOption;
import com.microsoft.azure.batch.protocol.models.ComputeNodeReimageOption;
import com.microsoft.azure.batch.protocol.models.DisableComputeNodeSchedulingOption;
import com.microsoft.azure.batch.protocol.models.JobDeleteOptions;
import com.microsoft.azure.batch.protocol.models.JobGetOptions;
import com.microsoft.azure.batch.protocol.models.JobPatchParameter;
import com.microsoft.azure.batch.protocol.models.JobPatchOptions;
import com.microsoft.azure.batch.protocol.models.JobScheduleState;
import com.microsoft.azure.batch.protocol.models.JobSpecification;
import com.microsoft.azure.batch.protocol.models.JobState;
import com.microsoft.azure.batch.protocol.models.PoolDeleteOptions;
import com.microsoft.azure.batch.protocol.models.PoolGetOptions;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.PoolState;
import com.microsoft.azure.batch.protocol.models.Schedule;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskGetOptions;
import java.time.Duration;
import java.util.List;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since through the unmodified Java SDK's protocol
 * layer (304 on reads, 412 ConditionNotMet otherwise), ETags that change on every update, and pools, jobs and
 * job schedules stay {@code deleting} for a while after a delete.
 */
class EmulatorConditionalRequestsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static BatchEmulator emulator;
    private static BatchClient client;

    @BeforeAll
    static void start() {
        emulator = BatchEmulator.start(EmulatorSettings.defaults().deleteDelay(Duration.ofSeconds(10)));
        client = BatchClient.open(new BatchSharedKeyCredentials(emulator.url(), emulator.accountName(),
                emulator.accountKey()));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void readsAnswer304WhenUnchangedAndWritesCheckTheirCondition() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 0, 1));
        CloudPool p = client.poolOperations().getPool(poolId);
        assertBatchError(() -> client.protocolLayer().pools().get(poolId, new PoolGetOptions().withIfNoneMatch(p.eTag())),
                304, null);
        assertThat(client.protocolLayer().pools().get(poolId, new PoolGetOptions().withIfNoneMatch("0x8D0")).id())
                .isEqualTo(poolId);
        assertThat(client.protocolLayer().pools().get(poolId, new PoolGetOptions().withIfMatch(p.eTag())).id())
                .isEqualTo(poolId);
        assertBatchError(() -> client.protocolLayer().pools().get(poolId, new PoolGetOptions().withIfMatch("0x8D0")),
                412, "ConditionNotMet");
        assertBatchError(() -> client.protocolLayer().pools().get(poolId,
                new PoolGetOptions().withIfModifiedSince(DateTime.now().plusMinutes(1))), 304, null);
        assertBatchError(() -> client.protocolLayer().pools().get(poolId,
                new PoolGetOptions().withIfUnmodifiedSince(DateTime.now().minusHours(1))), 412, "ConditionNotMet");
        assertBatchError(() -> client.protocolLayer().pools().delete(poolId, new PoolDeleteOptions().withIfMatch("0x8D0")),
                412, "ConditionNotMet");
        assertThat(client.poolOperations().existsPool(poolId)).isTrue();

        String jobId = id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        CloudJob before = client.jobOperations().getJob(jobId);
        client.protocolLayer().jobs().patch(jobId, new JobPatchParameter().withPriority(7),
                new JobPatchOptions().withIfMatch(before.eTag()));
        CloudJob after = client.jobOperations().getJob(jobId);
        assertThat(after.priority()).isEqualTo(7);
        assertThat(after.eTag()).as("a new ETag on every update").isNotEqualTo(before.eTag());
        assertBatchError(() -> client.protocolLayer().jobs().patch(jobId, new JobPatchParameter().withPriority(8),
                new JobPatchOptions().withIfMatch(before.eTag())), 412, "ConditionNotMet");
        assertThat(client.jobOperations().getJob(jobId).priority()).isEqualTo(7);
        assertBatchError(() -> client.protocolLayer().jobs().get(jobId, new JobGetOptions().withIfNoneMatch(after.eTag())),
                304, null);

        client.taskOperations().createTask(jobId, new TaskAddParameter().withId("t").withCommandLine("/bin/true"));
        String taskETag = client.taskOperations().getTask(jobId, "t").eTag();
        assertBatchError(() -> client.protocolLayer().tasks().get(jobId, "t",
                new TaskGetOptions().withIfNoneMatch(taskETag)), 304, null);
        client.protocolLayer().jobs().delete(jobId, new JobDeleteOptions().withIfMatch(after.eTag()));
    }

    @Test
    void poolsAndJobsStayDeletingForAWhile() throws Exception {
        String poolId = id("pool");
        client.poolOperations().createPool(pool(poolId, 1, 1));
        String jobId = id("job");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));

        client.jobOperations().deleteJob(jobId);
        assertThat(client.jobOperations().getJob(jobId).state()).isEqualTo(JobState.DELETING);
        assertBatchError(() -> client.jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId)), 409,
                "JobBeingDeleted");
        assertBatchError(() -> client.taskOperations().createTask(jobId, new TaskAddParameter().withId("t")
                .withCommandLine("/bin/true")), 409, "JobBeingDeleted");

        String nodeId = Await.until("a node", WAIT, () -> client.computeNodeOperations().listComputeNodes(poolId),
                nodes -> !nodes.isEmpty()).get(0).id();
        client.poolOperations().deletePool(poolId);
        assertThat(client.poolOperations().getPool(poolId).state()).isEqualTo(PoolState.DELETING);
        assertBatchError(() -> client.poolOperations().createPool(pool(poolId, 1, 1)), 409, "PoolBeingDeleted");
        assertBatchError(() -> client.poolOperations().resizePool(poolId, 2, 0), 409, "PoolBeingDeleted");
        // The pool and node operations of the second level refuse a deleting pool too.
        assertBatchError(() -> client.poolOperations().patchPool(poolId, null, null, null, List.of()), 409,
                "PoolBeingDeleted");
        assertBatchError(() -> client.poolOperations().updatePoolProperties(poolId, null, List.of(), List.of(),
                List.of()), 409, "PoolBeingDeleted");
        assertBatchError(() -> client.poolOperations().stopResizePool(poolId), 409, "PoolBeingDeleted");
        assertBatchError(() -> client.poolOperations().removeNodeFromPool(poolId, nodeId), 409, "PoolBeingDeleted");
        assertBatchError(() -> client.computeNodeOperations().rebootComputeNode(poolId, nodeId,
                ComputeNodeRebootOption.REQUEUE), 409, "PoolBeingDeleted");
        assertBatchError(() -> client.computeNodeOperations().reimageComputeNode(poolId, nodeId,
                ComputeNodeReimageOption.REQUEUE), 409, "PoolBeingDeleted");
        assertBatchError(() -> client.computeNodeOperations().disableComputeNodeScheduling(poolId, nodeId,
                DisableComputeNodeSchedulingOption.REQUEUE), 409, "PoolBeingDeleted");
        assertBatchError(() -> client.computeNodeOperations().enableComputeNodeScheduling(poolId, nodeId), 409,
                "PoolBeingDeleted");

        String scheduleId = id("sched");
        Schedule later = new Schedule().withDoNotRunUntil(DateTime.now().plusHours(1));
        JobSpecification spec = new JobSpecification().withPoolInfo(new PoolInformation().withPoolId(poolId));
        client.jobScheduleOperations().createJobSchedule(scheduleId, later, spec);
        client.jobScheduleOperations().deleteJobSchedule(scheduleId);
        assertThat(client.jobScheduleOperations().getJobSchedule(scheduleId).state())
                .isEqualTo(JobScheduleState.DELETING);
        assertBatchError(() -> client.jobScheduleOperations().createJobSchedule(scheduleId, later, spec), 409,
                "JobScheduleBeingDeleted");
        assertBatchError(() -> client.jobScheduleOperations().disableJobSchedule(scheduleId), 409,
                "JobScheduleBeingDeleted");

        Await.until("both to be gone", WAIT,
                () -> !client.poolOperations().existsPool(poolId)
                        && client.jobOperations().listJobs().stream().noneMatch(j -> j.id().equals(jobId)),
                gone -> gone);
        assertBatchError(() -> client.jobOperations().getJob(jobId), 404, "JobNotFound");
    }
}
