package io.batchroutes.component;

import java.util.ArrayList;
import java.util.List;

import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.jobs.JobRotation;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static io.batchroutes.component.BatchErrorFixtures.completedTask;
import static io.batchroutes.component.BatchErrorFixtures.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** deleteCompleted with a rotating job: an older job goes in one call once all its tasks were processed. */
class AzureBatchConsumerRotationTest extends CamelTestSupport {

    private static final String T0 = "2026-11-22T10:00:00.000Z";

    private final BatchClientWrapper client = mock(BatchClientWrapper.class);
    private final List<String> processed = new ArrayList<>();
    private AzureBatchEndpoint endpoint;

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(IllegalStateException.class).handled(true);
                endpoint = getContext().getEndpoint("azure-batch:job1?accountUrl=http://127.0.0.1:1&accountName=a"
                        + "&accountKey=a2V5&startScheduler=false&deleteCompleted=true&adaptivePoll=false&tasksPerJob=2"
                        + "&poolId=pool1", AzureBatchEndpoint.class);
                endpoint.useClientWrapper(client);
                from(endpoint).routeId("monitor").process(e -> {
                    String id = e.getIn().getHeader(AzureBatchConstants.TASK_ID, String.class);
                    processed.add(e.getIn().getHeader(AzureBatchConstants.JOB_ID, String.class) + "/" + id);
                    if (id.startsWith("bad")) {
                        throw new IllegalStateException("cannot collect " + id);
                    }
                });
            }
        };
    }

    private AzureBatchConsumer monitor() {
        return (AzureBatchConsumer) context.getRoute("monitor").getConsumer();
    }

    /** Two tasks in job1-g1, one in job1-g2 (the newest), as the producer's adds leave them. */
    private JobRotation twoJobs(String first, String second) throws Exception {
        when(client.listJobs(any(), any())).thenReturn(List.of());
        JobRotation rotation = endpoint.getJobRotation();
        for (List<String> ids : List.of(List.of(first, second), List.of("t3"))) {
            for (JobRotation.Lease lease : rotation.beginAdd(client, ids, "pool1")) {
                rotation.endAdd(lease, List.of(), List.of());
            }
        }
        return rotation;
    }

    @Test
    void anOlderJobIsDeletedOnceEachOfItsTasksWasProcessedAndNoTaskByItself() throws Exception {
        JobRotation rotation = twoJobs("t1", "t2");
        when(client.getTaskCounts("job1-g1")).thenReturn(counts(2));
        when(client.getTaskCounts("job1-g2")).thenReturn(counts(0));
        when(client.listTasks(eq("job1-g1"), anyString(), anyString(), any()))
                .thenReturn(List.of(completedTask("t1", 0, T0), completedTask("t2", 0, T0)));

        assertThat(monitor().poll()).isEqualTo(2);
        assertThat(processed).containsExactly("job1-g1/t1", "job1-g1/t2");
        monitor().poll();

        verify(client).deleteJob("job1-g1");
        verify(client, never()).deleteTask(anyString(), anyString());
        verify(client, never()).deleteJob("job1-g2");
        assertThat(rotation.jobs(client)).containsExactly("job1-g2");
    }

    @Test
    void aTaskWhoseProcessingFailedKeepsItsJob() throws Exception {
        twoJobs("t1", "bad2");
        when(client.getTaskCounts("job1-g1")).thenReturn(counts(2));
        when(client.getTaskCounts("job1-g2")).thenReturn(counts(0));
        when(client.listTasks(eq("job1-g1"), anyString(), anyString(), any()))
                .thenReturn(List.of(completedTask("t1", 0, T0), completedTask("bad2", 0, T0)));

        monitor().poll();
        monitor().poll();

        verify(client, never()).deleteJob(anyString());
    }

    @Test
    void aSettledOlderJobIsPolledNowAndThenOnly() throws Exception {
        twoJobs("bad1", "bad2");
        when(client.getTaskCounts("job1-g1")).thenReturn(counts(2));
        when(client.getTaskCounts("job1-g2")).thenReturn(counts(0));
        when(client.listTasks(eq("job1-g1"), anyString(), anyString(), any()))
                .thenReturn(List.of(completedTask("bad1", 0, T0), completedTask("bad2", 0, T0)));
        monitor().poll();

        for (int i = 0; i < AzureBatchConsumer.SETTLED_JOB_EVERY; i++) {
            monitor().poll();
        }

        verify(client, times(2)).getTaskCounts("job1-g1");
        verify(client, times(AzureBatchConsumer.SETTLED_JOB_EVERY + 1)).getTaskCounts("job1-g2");
    }
}
