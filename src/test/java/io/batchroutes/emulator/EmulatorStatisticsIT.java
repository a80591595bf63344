package io.batchroutes.emulator;

import io.batchroutes.testsupport.Await;
import io.batchroutes.testsupport.BatchTasks;
import io.batchroutes.testsupport.EmulatorExtension;
import static io.batchroutes.emulator.EmulatorSdkIT.id;
import static io.batchroutes.emulator.EmulatorSdkIT.pool;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.DetailLevel;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.JobManagerTask;
import com.microsoft.azure.batch.protocol.models.JobScheduleState;
import com.microsoft.azure.batch.protocol.models.JobSpecification;
import com.microsoft.azure.batch.protocol.models.JobStatistics;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.Schedule;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskConstraints;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Job and pool statistics computed from what ran, through the unmodified Java SDK: {@code $expand=stats} on jobs and
 * pools and job schedules. The lifetime statistics exist only in 2022-10-01.16.0, which the Java SDK's version
 * (2024-07-01.20.0) no longer has: EmulatorApiVersionIT and the JS SDK flow read them.
 */
class EmulatorStatisticsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();

    private static BatchClient client() {
        return EMULATOR.client();
    }

    @Test
    void statisticsCountWhatRan() throws Exception {
        String poolId = id("pool");
        client().poolOperations().createPool(pool(poolId, 1, 2));
        String jobId = id("job");
        client().jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("ok")
                .withCommandLine("/bin/sh -c 'sleep 0.2'"));
        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("bad").withCommandLine("/bin/false")
                .withConstraints(new TaskConstraints().withMaxTaskRetryCount(1)));
        for (String task : new String[] {"ok", "bad"}) {
            BatchTasks.awaitState(client(), jobId, task, TaskState.COMPLETED, WAIT);
        }

        DetailLevel stats = new DetailLevel.Builder().withExpandClause("stats").build();
        CloudJob plain = client().jobOperations().getJob(jobId);
        assertThat(plain.stats()).as("only with $expand=stats").isNull();
        JobStatistics js = client().jobOperations().getJob(jobId, stats).stats();
        assertThat(js.numSucceededTasks()).isEqualTo(1);
        assertThat(js.numFailedTasks()).isEqualTo(1);
        assertThat(js.numTaskRetries()).isEqualTo(1);
        assertThat(js.wallClockTime().toStandardDuration().getMillis()).isGreaterThanOrEqualTo(200);
        assertThat(js.url()).endsWith("/stats");
        assertThat(client().jobOperations().listJobs(stats).stream().filter(j -> j.id().equals(jobId)).findFirst()
                .orElseThrow().stats().numSucceededTasks()).isEqualTo(1);

        CloudPool p = client().poolOperations().getPool(poolId, stats);
        assertThat(p.stats().usageStats().dedicatedCoreTime()).isNotNull();
        assertThat(client().poolOperations().getPool(poolId).stats()).isNull();

        String scheduleId = id("sched");
        client().jobScheduleOperations().createJobSchedule(scheduleId, new Schedule(), new JobSpecification()
                .withPoolInfo(new PoolInformation().withPoolId(poolId))
                .withJobManagerTask(new JobManagerTask().withId("m").withCommandLine("/bin/true")));
        Await.until("the schedule to complete", WAIT, () -> client().jobScheduleOperations().getJobSchedule(scheduleId),
                x -> x.state() == JobScheduleState.COMPLETED);
        assertThat(client().jobScheduleOperations().getJobSchedule(scheduleId, stats).stats().numSucceededTasks())
                .isEqualTo(1);

    }
}
