package io.batchroutes.emulator;

import io.batchroutes.testsupport.Await;
import io.batchroutes.testsupport.BatchTasks;
import io.batchroutes.testsupport.EmulatorExtension;
import static io.batchroutes.emulator.EmulatorSdkIT.id;
import static io.batchroutes.emulator.EmulatorSdkIT.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.PagedList;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudJobSchedule;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.JobManagerTask;
import com.microsoft.azure.batch.protocol.models.JobPreparationTask;
import com.microsoft.azure.batch.protocol.models.JobReleaseTask;
import com.microsoft.azure.batch.protocol.models.JobScheduleListOptions;
import com.microsoft.azure.batch.protocol.models.JobScheduleState;
import com.microsoft.azure.batch.protocol.models.JobSpecification;
import com.microsoft.azure.batch.protocol.models.JobState;
import com.microsoft.azure.batch.protocol.models.MetadataItem;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.Schedule;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.joda.time.DateTime;
import org.joda.time.Period;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Job schedules and job manager tasks through the unmodified Java SDK: every schedule operation, the jobs a schedule
 * creates (named {@code <scheduleId>:job-<n>}, listed under the schedule), {@code executionInfo}, the job manager
 * running first and ending its job, errors with the service's codes, and paging.
 */
class EmulatorJobSchedulesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();
    private static String poolId;

    @BeforeAll
    static void pool2x2() throws Exception {
        poolId = id("pool");
        client().poolOperations().createPool(pool(poolId, 2, 2));
    }

    private static BatchClient client() {
        return EMULATOR.client();
    }

    static void assertBatchError(ThrowingRunnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BatchErrorException.class, e -> {
            assertThat(e.response().code()).isEqualTo(status);
            if (code != null) {
                assertThat(e.body().code()).isEqualTo(code);
            }
        });
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static JobSpecification spec(JobManagerTask manager) {
        return new JobSpecification().withPoolInfo(new PoolInformation().withPoolId(poolId)).withPriority(3)
                .withJobManagerTask(manager);
    }

    @Test
    void aScheduleWithoutRecurrenceRunsOneJobWhoseManagerRunsFirstAndEndsIt() throws Exception {
        String scheduleId = id("once");
        client().jobScheduleOperations().createJobSchedule(scheduleId, new Schedule(), spec(new JobManagerTask()
                .withId("manager").withCommandLine("/bin/sh -c 'echo managing'"))
                .withJobPreparationTask(new JobPreparationTask().withCommandLine("/bin/true"))
                .withJobReleaseTask(new JobReleaseTask().withCommandLine("/bin/true")));
        String jobId = scheduleId + ":job-1";

        CloudJobSchedule done = Await.until("the schedule to complete", WAIT,
                () -> client().jobScheduleOperations().getJobSchedule(scheduleId),
                s -> s.state() == JobScheduleState.COMPLETED);
        assertThat(done.executionInfo().recentJob().id()).isEqualTo(jobId);
        assertThat(done.executionInfo().recentJob().url()).contains("/jobs/" + scheduleId);
        assertThat(done.executionInfo().nextRunTime()).isNull();
        assertThat(done.executionInfo().endTime()).isNotNull();

        CloudJob job = client().jobOperations().getJob(jobId);
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.executionInfo().terminateReason()).isEqualTo("JMComplete");
        assertThat(job.priority()).as("from the job specification").isEqualTo(3);
        assertThat(client().jobOperations().listJobs(scheduleId)).extracting(CloudJob::id).containsExactly(jobId);

        CloudTask manager = client().taskOperations().getTask(jobId, "manager");
        assertThat(manager.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(manager.executionInfo().exitCode()).isZero();
        assertThat(client().jobOperations().listPreparationAndReleaseTaskStatus(jobId)).singleElement()
                .satisfies(n -> {
                    assertThat(n.jobPreparationTaskExecutionInfo().exitCode()).isZero();
                    assertThat(n.jobReleaseTaskExecutionInfo().exitCode()).isZero();
                });
        assertThat(manager.requiredSlots()).as("runExclusive: the whole node").isEqualTo(2);
        assertBatchError(() -> client().jobOperations().listJobs(id("none-such")), 404, "JobScheduleNotFound");
    }

    @Test
    void aJobManagerThatDoesNotKillItsJobLeavesItActiveAndRunsBeforeLaterTasks() throws Exception {
        String jobId = id("jm");
        client().jobOperations().createJob(new com.microsoft.azure.batch.protocol.models.JobAddParameter()
                .withId(jobId).withPoolInfo(new PoolInformation().withPoolId(poolId))
                .withJobManagerTask(new JobManagerTask().withId("manager").withCommandLine("/bin/true")
                        .withKillJobOnCompletion(false).withRunExclusive(false)));
        client().taskOperations().createTask(jobId, new TaskAddParameter().withId("worker").withCommandLine("/bin/true"));
        CloudTask worker = BatchTasks.awaitState(client(), jobId, "worker", TaskState.COMPLETED, WAIT);
        CloudTask manager = client().taskOperations().getTask(jobId, "manager");
        assertThat(manager.state()).isEqualTo(TaskState.COMPLETED);
        assertThat(manager.executionInfo().startTime().isAfter(worker.executionInfo().startTime())).isFalse();
        assertThat(client().jobOperations().getJob(jobId).state()).isEqualTo(JobState.ACTIVE);
        assertThat(client().jobOperations().getJob(jobId).jobManagerTask().killJobOnCompletion()).isFalse();
        assertBatchError(() -> client().jobOperations().createJob(new com.microsoft.azure.batch.protocol.models
                .JobAddParameter().withId(id("jm")).withPoolInfo(new PoolInformation().withPoolId(poolId))
                .withJobManagerTask(new JobManagerTask().withId("m a").withCommandLine("/bin/true"))), 400,
                "InvalidPropertyValue");
    }

    @Test
    void aJobManagerThatMayNotRunOnSpotNodesWaitsForADedicatedOne() throws Exception {
        String spotPool = id("pool");
        client().poolOperations().createPool(pool(spotPool, 0, 1).withTargetLowPriorityNodes(1));
        String jobId = id("jm");
        client().jobOperations().createJob(new com.microsoft.azure.batch.protocol.models.JobAddParameter()
                .withId(jobId).withPoolInfo(new PoolInformation().withPoolId(spotPool))
                .withJobManagerTask(new JobManagerTask().withId("manager").withCommandLine("/bin/true")
                        .withAllowLowPriorityNode(false)));
        Await.until("the spot node to be idle", WAIT, () -> client().poolOperations().getPool(spotPool),
                p -> p.currentLowPriorityNodes() == 1);
        Await.holds("the manager to wait", Duration.ofSeconds(2),
                () -> client().taskOperations().getTask(jobId, "manager").state() == TaskState.ACTIVE);
        client().poolOperations().resizePool(spotPool, 1, 1);
        CloudTask manager = BatchTasks.awaitState(client(), jobId, "manager", TaskState.COMPLETED, WAIT);
        assertThat(client().computeNodeOperations().getComputeNode(spotPool, manager.nodeInfo().nodeId()).isDedicated())
                .isTrue();
    }

    @Test
    void aRecurringScheduleSaysWhenItRunsNextAndIsManagedAsTheServiceDoes() throws Exception {
        String scheduleId = id("every");
        DateTime start = DateTime.now().plusSeconds(2);
        Schedule schedule = new Schedule().withDoNotRunUntil(start).withRecurrenceInterval(Period.minutes(1))
                .withStartWindow(Period.minutes(1));
        client().jobScheduleOperations().createJobSchedule(scheduleId, schedule, spec(null));
        assertThat(client().jobScheduleOperations().existsJobSchedule(scheduleId)).isTrue();
        assertThat(client().jobScheduleOperations().existsJobSchedule(id("nope"))).isFalse();

        CloudJobSchedule before = client().jobScheduleOperations().getJobSchedule(scheduleId);
        assertThat(before.state()).isEqualTo(JobScheduleState.ACTIVE);
        assertThat(before.executionInfo().nextRunTime().getMillis()).isEqualTo(start.getMillis());
        assertThat(before.schedule().recurrenceInterval()).isEqualTo(Period.minutes(1));
        assertThat(before.executionInfo().recentJob()).isNull();

        CloudJobSchedule ran = Await.until("the first job", WAIT,
                () -> client().jobScheduleOperations().getJobSchedule(scheduleId),
                s -> s.executionInfo().recentJob() != null);
        assertThat(ran.executionInfo().recentJob().id()).isEqualTo(scheduleId + ":job-1");
        assertThat(ran.executionInfo().nextRunTime().getMillis()).isEqualTo(start.plusMinutes(1).getMillis());
        assertThat(ran.eTag()).isNotEqualTo(before.eTag());

        client().jobScheduleOperations().patchJobSchedule(scheduleId, null, null,
                List.of(new MetadataItem().withName("owner").withValue("emu-a")));
        CloudJobSchedule patched = client().jobScheduleOperations().getJobSchedule(scheduleId);
        assertThat(patched.metadata()).extracting(MetadataItem::value).containsExactly("emu-a");
        assertThat(patched.schedule().recurrenceInterval()).as("kept").isEqualTo(Period.minutes(1));
        assertThat(patched.eTag()).isNotEqualTo(ran.eTag());

        client().jobScheduleOperations().updateJobSchedule(scheduleId,
                new Schedule().withRecurrenceInterval(Period.hours(2)), spec(null), null);
        CloudJobSchedule updated = client().jobScheduleOperations().getJobSchedule(scheduleId);
        assertThat(updated.metadata()).as("PUT replaces").isNullOrEmpty();
        assertThat(updated.schedule().recurrenceInterval()).isEqualTo(Period.hours(2));

        client().jobScheduleOperations().disableJobSchedule(scheduleId);
        assertThat(client().jobScheduleOperations().getJobSchedule(scheduleId).state())
                .isEqualTo(JobScheduleState.DISABLED);
        client().jobScheduleOperations().enableJobSchedule(scheduleId);
        assertThat(client().jobScheduleOperations().getJobSchedule(scheduleId).state())
                .isEqualTo(JobScheduleState.ACTIVE);

        client().jobScheduleOperations().terminateJobSchedule(scheduleId);
        Await.until("the schedule to complete", WAIT, () -> client().jobScheduleOperations().getJobSchedule(scheduleId),
                s -> s.state() == JobScheduleState.COMPLETED);
        CloudJob job = client().jobOperations().getJob(scheduleId + ":job-1");
        assertThat(job.state()).isEqualTo(JobState.COMPLETED);
        assertThat(job.executionInfo().terminateReason()).isEqualTo("TerminateJobSchedule");
        assertBatchError(() -> client().jobScheduleOperations().disableJobSchedule(scheduleId), 409,
                "JobScheduleCompleted");

        client().jobScheduleOperations().deleteJobSchedule(scheduleId);
        Await.until("the schedule and its job to be gone", WAIT,
                () -> !client().jobScheduleOperations().existsJobSchedule(scheduleId)
                        && !client().jobOperations().listJobs().stream().anyMatch(j -> j.id().equals(job.id())),
                gone -> gone);
        assertBatchError(() -> client().jobScheduleOperations().getJobSchedule(scheduleId), 404, "JobScheduleNotFound");
    }

    @Test
    void errorsCarryTheServicesCodes() throws Exception {
        String scheduleId = id("err");
        Schedule later = new Schedule().withDoNotRunUntil(DateTime.now().plusHours(1));
        client().jobScheduleOperations().createJobSchedule(scheduleId, later, spec(null));
        assertBatchError(() -> client().jobScheduleOperations().createJobSchedule(scheduleId, later, spec(null)), 409,
                "JobScheduleExists");
        assertBatchError(() -> client().jobScheduleOperations().createJobSchedule(id("err"),
                new Schedule().withRecurrenceInterval(Period.seconds(10)), spec(null)), 400, "InvalidPropertyValue");
        assertBatchError(() -> client().jobScheduleOperations().createJobSchedule(id("err"), later,
                new JobSpecification().withPoolInfo(new PoolInformation())), 400, "MissingRequiredProperty");
        assertBatchError(() -> client().jobScheduleOperations().terminateJobSchedule(id("nope")), 404,
                "JobScheduleNotFound");
        client().jobScheduleOperations().deleteJobSchedule(scheduleId);
    }

    @Test
    void schedulesSurviveARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("emu-schedules-");
        EmulatorSettings settings = EmulatorSettings.defaults().dataDir(dataDir);
        String scheduleId = id("kept");
        DateTime at = DateTime.now().plusHours(1);
        try (BatchEmulator first = BatchEmulator.start(settings)) {
            BatchClient c = EmulatorExtension.sdkClient(first);
            c.poolOperations().createPool(pool("p", 0, 1));
            c.jobScheduleOperations().createJobSchedule(scheduleId, new Schedule().withDoNotRunUntil(at),
                    new JobSpecification().withPoolInfo(new PoolInformation().withPoolId("p")));
        }
        try (BatchEmulator second = BatchEmulator.start(settings)) {
            BatchClient c = EmulatorExtension.sdkClient(second);
            CloudJobSchedule s = c.jobScheduleOperations().getJobSchedule(scheduleId);
            assertThat(s.state()).isEqualTo(JobScheduleState.ACTIVE);
            assertThat(s.executionInfo().nextRunTime().getMillis()).isEqualTo(at.getMillis());
        }
    }

    @Test
    void listsPageThroughNextLinks() throws Exception {
        String prefix = id("pg");
        for (int i = 0; i < 5; i++) {
            client().jobScheduleOperations().createJobSchedule(prefix + "-" + i,
                    new Schedule().withDoNotRunUntil(DateTime.now().plusHours(1)), spec(null));
        }
        PagedList<CloudJobSchedule> list = client().protocolLayer().jobSchedules().list(new JobScheduleListOptions()
                .withFilter("startswith(id,'" + prefix + "')").withMaxResults(2));
        assertThat(list.currentPage().items()).hasSize(2);
        assertThat(list.currentPage().nextPageLink()).isNotNull();
        assertThat(list).extracting(CloudJobSchedule::id).containsExactly(prefix + "-0", prefix + "-1",
                prefix + "-2", prefix + "-3", prefix + "-4");
    }
}
