package io.batchroutes.component;

import java.util.ArrayList;
import java.util.List;

import io.batchroutes.component.client.BatchClientWrapper;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static io.batchroutes.component.BatchErrorFixtures.completedTask;
import static io.batchroutes.component.BatchErrorFixtures.counts;
import static io.batchroutes.component.BatchErrorFixtures.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** deleteCompleted: through a real route, since the deletion runs when the exchange's unit of work completes. */
class AzureBatchConsumerDeleteTest extends CamelTestSupport {

    private static final String T0 = "2026-11-22T10:00:00.000Z";
    private static final String T1 = "2026-11-22T10:00:01.000Z";

    private final BatchClientWrapper client = mock(BatchClientWrapper.class);
    private final List<String> processed = new ArrayList<>();

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                onException(IllegalStateException.class).handled(true);
                AzureBatchEndpoint endpoint = getContext().getEndpoint("azure-batch:job1?accountUrl=http://127.0.0.1:1"
                        + "&accountName=a&accountKey=a2V5&startScheduler=false&deleteCompleted=true&adaptivePoll=false",
                        AzureBatchEndpoint.class);
                endpoint.useClientWrapper(client);
                from(endpoint).routeId("monitor")
                        .process(e -> {
                            String id = e.getIn().getHeader(AzureBatchConstants.TASK_ID, String.class);
                            processed.add(id);
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

    @Test
    void deletesATaskOnceProcessedAndKeepsOneWhoseProcessingFailed() throws Exception {
        AzureBatchConsumer consumer = monitor();
        when(client.getTaskCounts("job1")).thenReturn(counts(2));
        when(client.listTasks(eq("job1"), anyString(), anyString(), any()))
                .thenReturn(List.of(completedTask("t1", 0, T0), completedTask("bad1", 0, T0)));

        assertThat(consumer.poll()).isEqualTo(2);

        assertThat(processed).containsExactly("t1", "bad1");
        verify(client).deleteTask("job1", "t1");
        verify(client, never()).deleteTask("job1", "bad1");
        assertThat(consumer.deletedCount()).isEqualTo(1);
    }

    @Test
    void aCompletionThatCoincidesWithADeletionIsStillListed() throws Exception {
        AzureBatchConsumer consumer = monitor();
        // t1 completes and is deleted; t2 completes: the job's completed count is 1 both times; then t2 is deleted.
        when(client.getTaskCounts("job1")).thenReturn(counts(1), counts(1), counts(0));
        when(client.listTasks(eq("job1"), anyString(), anyString(), any()))
                .thenReturn(List.of(completedTask("t1", 0, T0)))
                .thenReturn(List.of(completedTask("t2", 0, T1)));

        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(consumer.poll()).as("1 completed + 1 deleted: a change").isEqualTo(1);
        assertThat(consumer.poll()).as("nothing new since").isZero();

        assertThat(processed).containsExactly("t1", "t2");
        verify(client, times(2)).listTasks(eq("job1"), anyString(), anyString(), any());
    }

    /** With the daemon's one retry layer the component tries a delete once; the next polls are its retries. */
    @Test
    void aDeleteThatFailsTransientlyIsTriedAgainOnTheNextPoll() throws Exception {
        AzureBatchConsumer consumer = monitor();
        when(client.getTaskCounts("job1")).thenReturn(counts(1));
        when(client.listTasks(eq("job1"), anyString(), anyString(), any())).thenReturn(List.of(completedTask("t1", 0, T0)));
        when(client.deleteTask("job1", "t1")).thenThrow(error(503, "ServerBusy"), error(503, "ServerBusy")).thenReturn(true);

        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(consumer.deletesPending()).isEqualTo(1);
        consumer.poll();
        assertThat(consumer.deletesPending()).as("still busy: kept").isEqualTo(1);
        consumer.poll();

        assertThat(consumer.deletesPending()).isZero();
        assertThat(consumer.deletedCount()).isEqualTo(1);
        verify(client, times(3)).deleteTask("job1", "t1");
    }

    @Test
    void aDeleteThatBatchRefusesIsNotTriedAgain() throws Exception {
        AzureBatchConsumer consumer = monitor();
        when(client.getTaskCounts("job1")).thenReturn(counts(1));
        when(client.listTasks(eq("job1"), anyString(), anyString(), any())).thenReturn(List.of(completedTask("t1", 0, T0)));
        doThrow(error(403, "AuthorizationFailure")).when(client).deleteTask("job1", "t1");

        consumer.poll();
        consumer.poll();

        assertThat(consumer.deletesPending()).isZero();
        verify(client, times(1)).deleteTask("job1", "t1");
    }
}
