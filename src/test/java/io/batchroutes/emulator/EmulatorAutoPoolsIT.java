package io.batchroutes.emulator;

import io.batchroutes.testsupport.Await;
import io.batchroutes.testsupport.BatchTasks;
import io.batchroutes.testsupport.EmulatorExtension;
import static io.batchroutes.emulator.EmulatorJobSchedulesIT.assertBatchError;
import static io.batchroutes.emulator.EmulatorSdkIT.id;
import static io.batchroutes.emulator.EmulatorSdkIT.pool;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.AutoPoolSpecification;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudJobSchedule;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobManagerTask;
import com.microsoft.azure.batch.protocol.models.JobScheduleState;
import com.microsoft.azure.batch.protocol.models.JobSpecification;
import com.microsoft.azure.batch.protocol.models.JobState;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.PoolLifetimeOption;
import com.microsoft.azure.batch.protocol.models.PoolSpecification;
import com.microsoft.azure.batch.protocol.models.PoolState;
import com.microsoft.azure.batch.protocol.models.Schedule;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Auto pools through the unmodified Java SDK: {@code poolInfo.autoPoolSpecification} creates the pool with the job
 * (or with a schedule's first job) and deletes it with its owner, unless {@code keepAlive}.
 */
class EmulatorAutoPoolsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();

    private static BatchClient client() {
        return EMULATOR.client();
    }

    private static PoolInformation autoPool(PoolLifetimeOption lifetime, boolean keepAlive) {
        PoolAddParameter p = pool("x", 1, 1);
        return new PoolInformation().withAutoPoolSpecification(new AutoPoolSpecification().withAutoPoolIdPrefix("auto")
                .withPoolLifetimeOption(lifetime).withKeepAlive(keepAlive)
                .withPool(new PoolSpecification().withVmSize(p.vmSize())
                        .withVirtualMachineConfiguration(p.virtualMachineConfiguration()).withTargetDedicatedNodes(1)));
    }

    private static boolean poolGone(String poolId) throws Exception {
        return !client().poolOperations().existsPool(poolId);
    }

    @Test
    void aJobsAutoPoolAppearsWithTheJobRunsItsTasksAndGoesWithIt() throws Exception {
        String jobId = id("job");
        client().jobOperations().createJob(jobId, autoPool(PoolLifetimeOption.JOB, false));
        CloudJob job = client().jobOperations().getJob(jobId);
        String poolId = job.executionInfo().poolId();
        assertThat(poolId).startsWith("auto_");
        assertThat(job.poolInfo().poolId()).as("the job names its spec, not a pool").isNull();
        assertThat(job.poolInfo().autoPoolSpecification().poolLifetimeOption()).isEqualTo(PoolLifetimeOption.JOB);
        CloudPool pool = client().poolOperations().getPool(poolId);
        assertThat(pool.state()).isEqualTo(PoolState.ACTIVE);

        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("t").withCommandLine("/bin/true"));
        assertThat(BatchTasks.awaitState(client(), jobId, "t", TaskState.COMPLETED, WAIT).nodeInfo().poolId())
                .as("the task ran on the auto pool").isEqualTo(poolId);

        client().jobOperations().terminateJob(jobId, "done");
        Await.until("the auto pool to go with its job", WAIT, () -> poolGone(poolId), gone -> gone);
    }

    @Test
    void keepAliveKeepsThePoolAndDeletingTheJobDeletesAPoolThatIsNot() throws Exception {
        String kept = id("job");
        client().jobOperations().createJob(kept, autoPool(PoolLifetimeOption.JOB, true));
        String keptPool = client().jobOperations().getJob(kept).executionInfo().poolId();
        client().jobOperations().terminateJob(kept, "done");
        Await.until("the job to complete", WAIT, () -> client().jobOperations().getJob(kept),
                j -> j.state() == JobState.COMPLETED);
        Await.holds("the kept-alive pool to stay", Duration.ofSeconds(2),
                () -> client().poolOperations().existsPool(keptPool));

        String deleted = id("job");
        client().jobOperations().createJob(deleted, autoPool(PoolLifetimeOption.JOB, false));
        String deletedPool = client().jobOperations().getJob(deleted).executionInfo().poolId();
        client().jobOperations().deleteJob(deleted);
        Await.until("the auto pool to go with its deleted job", WAIT, () -> poolGone(deletedPool), gone -> gone);
    }

    @Test
    void aSchedulesAutoPoolServesItsJobsAndGoesWithTheSchedule() throws Exception {
        String scheduleId = id("sched");
        client().jobScheduleOperations().createJobSchedule(scheduleId, new Schedule(), new JobSpecification()
                .withPoolInfo(autoPool(PoolLifetimeOption.JOB_SCHEDULE, false))
                .withJobManagerTask(new JobManagerTask().withId("m").withCommandLine("/bin/true")));
        CloudJob job = Await.until("the schedule's job", WAIT,
                () -> client().jobOperations().listJobs(scheduleId).stream().findFirst().orElse(null),
                j -> j != null);
        String poolId = job.executionInfo().poolId();
        assertThat(poolId).startsWith("auto_");
        CloudJobSchedule done = Await.until("the schedule to complete", WAIT,
                () -> client().jobScheduleOperations().getJobSchedule(scheduleId),
                s -> s.state() == JobScheduleState.COMPLETED);
        assertThat(done.executionInfo().recentJob().id()).isEqualTo(job.id());
        Await.until("the auto pool to go with its schedule", WAIT, () -> poolGone(poolId), gone -> gone);
    }

    @Test
    void lifetimeJobScheduleIsOnlyForTheJobsOfASchedule() {
        assertBatchError(() -> client().jobOperations().createJob(new JobAddParameter().withId(id("job"))
                .withPoolInfo(autoPool(PoolLifetimeOption.JOB_SCHEDULE, false))), 400, "InvalidPropertyValue");
    }
}
