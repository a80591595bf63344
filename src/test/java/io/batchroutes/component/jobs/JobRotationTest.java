package io.batchroutes.component.jobs;

import java.util.List;
import java.util.Map;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobState;
import io.batchroutes.component.client.BatchClientWrapper;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class JobRotationTest {

    private final BatchClientWrapper client = mock(BatchClientWrapper.class);

    private JobRotation rotation(int tasksPerJob) throws Exception {
        when(client.listJobs(any(), any())).thenReturn(List.of());
        return new JobRotation("fam", tasksPerJob);
    }

    @Test
    void tasksGoToTheNewestJobAndANewOneStartsWhenItIsFull() throws Exception {
        JobRotation rotation = rotation(2);
        JobRotation.Lease first = single(rotation.beginAdd(client, List.of("a", "b"), "pool"));
        rotation.endAdd(first, List.of(), List.of());
        JobRotation.Lease second = single(rotation.beginAdd(client, List.of("c"), "pool"));
        rotation.endAdd(second, List.of(), List.of());

        assertThat(first.jobId()).isEqualTo("fam-g1");
        assertThat(second.jobId()).isEqualTo("fam-g2");
        assertThat(rotation.jobOf("b")).isEqualTo("fam-g1");
        assertThat(rotation.jobOf("unknown")).isEqualTo("fam-g2");
        ArgumentCaptor<JobAddParameter> created = ArgumentCaptor.forClass(JobAddParameter.class);
        verify(client, atLeastOnce()).createJob(created.capture());
        assertThat(created.getAllValues()).extracting(j -> j.poolInfo().poolId()).containsOnly("pool");
    }

    @Test
    void anOlderJobIsDrainedOnlyWhenEveryTaskWasProcessedAndNoAddIsUnderWay() throws Exception {
        JobRotation rotation = rotation(2);
        rotation.endAdd(single(rotation.beginAdd(client, List.of("a", "b"), "pool")), List.of(), List.of());
        JobRotation.Lease toNewest = single(rotation.beginAdd(client, List.of("c"), "pool"));
        rotation.processed("fam-g1", "a");
        assertThat(rotation.drained()).isEmpty();

        // A task of the older job sent again (a redelivered add) goes back to that job, never to the newest.
        JobRotation.Lease again = single(rotation.beginAdd(client, List.of("b"), "pool"));
        assertThat(again.jobId()).isEqualTo("fam-g1");
        rotation.processed("fam-g1", "b");
        assertThat(rotation.drained()).as("an add to it is under way").isEmpty();
        rotation.endAdd(again, List.of(), List.of());
        assertThat(rotation.drained()).containsExactly("fam-g1");

        rotation.endAdd(toNewest, List.of(), List.of());
        rotation.processed("fam-g2", "c");
        assertThat(rotation.drained()).as("the newest is never deleted").containsExactly("fam-g1");
        rotation.deleted("fam-g1");
        assertThat(rotation.jobs(client)).containsExactly("fam-g2");
    }

    @Test
    void refusedTasksAreNotWaitedForAndUnansweredOnesAreLookedUp() throws Exception {
        JobRotation rotation = rotation(1);
        JobRotation.Lease lease = single(rotation.beginAdd(client, List.of("ok", "bad", "lost"), "pool"));
        rotation.endAdd(lease, List.of("bad"), List.of("lost"));
        rotation.endAdd(single(rotation.beginAdd(client, List.of("next"), "pool")), List.of(), List.of());
        rotation.processed("fam-g1", "ok");

        assertThat(rotation.drained()).isEmpty();
        assertThat(rotation.uncertain()).isEqualTo(Map.of("fam-g1", List.of("lost")));
        rotation.processed("fam-g1", "lost");
        assertThat(rotation.drained()).containsExactly("fam-g1");
    }

    @Test
    void afterARestartTheFamilysJobsAreOlderJobsAndTheirTasksStayWhereTheyAre() throws Exception {
        when(client.listJobs(any(), any())).thenReturn(List.of(job("fam-g4", JobState.ACTIVE), job("fam", JobState.ACTIVE),
                job("fam-g5", JobState.DELETING), job("other", JobState.ACTIVE), job("fam-gx", JobState.ACTIVE)));
        when(client.listTasks(eq("fam-g4"), any(), eq("id"), any())).thenReturn(List.of(task("t1"), task("t2")));
        when(client.listTasks(eq("fam"), any(), eq("id"), any())).thenReturn(List.of());
        JobRotation rotation = new JobRotation("fam", 1000);

        String newest = rotation.ensureNewest(client, null, "pool");

        assertThat(newest).isEqualTo("fam-g5");
        assertThat(rotation.jobs(client)).containsExactly("fam", "fam-g4", "fam-g5");
        assertThat(rotation.drained()).as("the old plain job held nothing").containsExactly("fam");
        List<JobRotation.Lease> leases = rotation.beginAdd(client, List.of("t1", "new"), "pool");
        assertThat(leases).extracting(JobRotation.Lease::jobId).containsExactly("fam-g4", "fam-g5");
    }

    private static JobRotation.Lease single(List<JobRotation.Lease> leases) {
        assertThat(leases).hasSize(1);
        return leases.get(0);
    }

    private static CloudJob job(String id, JobState state) {
        return new CloudJob().withId(id).withState(state);
    }

    private static CloudTask task(String id) {
        return new CloudTask().withId(id);
    }
}
