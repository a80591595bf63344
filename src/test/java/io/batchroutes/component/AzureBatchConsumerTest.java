package io.batchroutes.component;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.testsupport.Await;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static io.batchroutes.component.BatchErrorFixtures.completedTask;
import static io.batchroutes.component.BatchErrorFixtures.counts;
import static io.batchroutes.component.BatchErrorFixtures.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class AzureBatchConsumerTest extends CamelTestSupport {

    private static final String T0 = "2026-11-22T10:00:00.000Z";
    private static final String T1 = "2026-11-22T10:00:01.000Z";
    private static final String T2 = "2026-11-22T10:00:02.000Z";
    private static final String T9 = "2026-11-22T10:00:09.000Z";

    private final BatchClientWrapper client = mock(BatchClientWrapper.class);
    private final List<Exchange> received = new ArrayList<>();
    private AzureBatchConsumer consumer;

    private AzureBatchConsumer consumer(String options) throws Exception {
        AzureBatchComponent component = context.getComponent("azure-batch", AzureBatchComponent.class);
        AzureBatchEndpoint endpoint = (AzureBatchEndpoint) component.createEndpoint(
                "azure-batch:job1?accountUrl=http://127.0.0.1:1&accountName=a&accountKey=a2V5&startScheduler=false" + options);
        endpoint.useClientWrapper(client);
        ServiceHelper.startService(endpoint);
        consumer = (AzureBatchConsumer) endpoint.createConsumer(received::add);
        ServiceHelper.startService(consumer);
        return consumer;
    }

    @AfterEach
    void stopConsumer() {
        ServiceHelper.stopService(consumer);
    }

    private List<String> listFilters(int calls) throws Exception {
        ArgumentCaptor<String> filters = ArgumentCaptor.forClass(String.class);
        verify(client, times(calls)).listTasks(eq("job1"), filters.capture(), anyString(), any());
        return filters.getAllValues();
    }

    private List<Object> receivedIds() {
        return received.stream().map(e -> e.getIn().getHeader(AzureBatchConstants.TASK_ID)).toList();
    }

    @Test
    void emitsEachCompletedTaskOnceWithItsHeaders() throws Exception {
        AzureBatchConsumer consumer = consumer("&adaptivePoll=false");
        when(client.getTaskCounts("job1")).thenReturn(counts(1), counts(2), counts(2));
        when(client.listTasks(eq("job1"), anyString(), eq(AzureBatchConsumer.DEFAULT_SELECT), any()))
                .thenReturn(List.of(completedTask("t1", 0, T0)))
                .thenReturn(List.of(completedTask("t1", 0, T0), completedTask("t2", 2, T1)));

        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(consumer.poll()).isZero();

        assertThat(received).hasSize(2);
        Exchange failed = received.get(1);
        assertThat(failed.getIn().getHeader(AzureBatchConstants.TASK_ID)).isEqualTo("t2");
        assertThat(failed.getIn().getHeader(AzureBatchConstants.JOB_ID)).isEqualTo("job1");
        assertThat(failed.getIn().getHeader(AzureBatchConstants.EXIT_CODE)).isEqualTo(2);
        assertThat(failed.getIn().getHeader(AzureBatchConstants.TASK_RESULT)).isEqualTo("failure");
        assertThat(failed.getIn().getHeader(AzureBatchConstants.FAILURE_CODE)).isEqualTo("FailureExitCode");
        assertThat(failed.getIn().getHeader(AzureBatchConstants.TASK_DISPLAY_NAME)).isEqualTo("name-t2");
        assertThat(failed.getIn().getHeader(AzureBatchConstants.NODE_ID)).isEqualTo("node-1");
        assertThat(received.get(0).getIn().getHeader(AzureBatchConstants.TASK_RESULT)).isEqualTo("success");
        assertThat(listFilters(2)).containsExactly(AzureBatchConsumer.COMPLETED,
                "state eq 'completed' and stateTransitionTime ge DateTime'2026-11-22T09:59:30Z'");
    }

    @Test
    void listsOnlyWhatCompletedSinceTheWatermarkAndMakesOneCallPerPoll() throws Exception {
        AzureBatchConsumer consumer = consumer("&stateTransitionMargin=1000");
        when(client.getTaskCounts("job1")).thenReturn(counts(0), counts(2), counts(4), counts(4));
        when(client.listTasks(eq("job1"), anyString(), anyString(), any()))
                .thenReturn(List.of(completedTask("t1", 0, T0), completedTask("t2", 0, T1)))
                .thenReturn(List.of(completedTask("t2", 0, T1), completedTask("t3", 0, T2)))
                .thenReturn(List.of(completedTask("t3", 0, T2), completedTask("t4", 0, T9)))
                .thenReturn(List.of(completedTask("t4", 0, T9)));

        int[] emitted = new int[8];
        for (int i = 0; i < emitted.length; i++) {
            emitted[i] = consumer.poll();
        }

        // counts 0 | counts 2, list | list | list | list (nothing new) | counts 4 (changed since 2), list | counts | counts
        assertThat(emitted).containsExactly(0, 2, 1, 1, 0, 0, 0, 0);
        assertThat(receivedIds()).containsExactly("t1", "t2", "t3", "t4");
        verify(client, times(5)).getTaskCounts("job1");
        assertThat(listFilters(5)).containsExactly(
                "state eq 'completed'",
                "state eq 'completed' and stateTransitionTime ge DateTime'2026-11-22T10:00:00Z'",
                "state eq 'completed' and stateTransitionTime ge DateTime'2026-11-22T10:00:01Z'",
                "state eq 'completed' and stateTransitionTime ge DateTime'2026-11-22T10:00:08Z'",
                "state eq 'completed' and stateTransitionTime ge DateTime'2026-11-22T10:00:08Z'");
        // 10 calls for 8 polls, 2 of them in the one poll after a burst; the ids outside the 1 s window are forgotten.
        assertThat(consumer.rememberedCount()).isEqualTo(1);
    }

    @Test
    void completionsPerListSpacesTheListsWhileTasksKeepCompleting() throws Exception {
        AzureBatchConsumer consumer = consumer("&completionsPerList=100000&maxBusyPollDelay=60000");
        when(client.getTaskCounts("job1")).thenReturn(counts(2));
        when(client.listTasks(eq("job1"), anyString(), anyString(), any()))
                .thenReturn(List.of(completedTask("t1", 0, T0), completedTask("t2", 0, T1)))
                .thenReturn(List.of(completedTask("t3", 0, T2), completedTask("t4", 0, T9)));

        assertThat(consumer.poll()).as("counts changed: list").isEqualTo(2);
        assertThat(consumer.poll()).as("adaptive: list again at once, the rate is now known").isEqualTo(2);
        assertThat(consumer.poll()).as("spaced: no call until ~100000 more are expected").isZero();
        assertThat(consumer.poll()).isZero();

        verify(client, times(1)).getTaskCounts("job1");
        verify(client, times(2)).listTasks(eq("job1"), anyString(), anyString(), any());
    }

    @Test
    void aSpacedListWaitsForNoMoreThanAQuarterOfTheTasksInFlight() throws Exception {
        AzureBatchConsumer consumer = consumer("&completionsPerList=100000&maxBusyPollDelay=60000");
        TaskCountsResult fewHeavyTasks = counts(2);
        fewHeavyTasks.taskCounts().withRunning(2).withActive(6);
        when(client.getTaskCounts("job1")).thenReturn(fewHeavyTasks);
        when(client.listTasks(eq("job1"), anyString(), anyString(), any()))
                .thenReturn(List.of(completedTask("t1", 0, T0), completedTask("t2", 0, T1)))
                .thenReturn(List.of(completedTask("t3", 0, T2), completedTask("t4", 0, T9)))
                .thenReturn(List.of(completedTask("t5", 0, T9)));

        assertThat(consumer.poll()).isEqualTo(2);
        assertThat(consumer.poll()).isEqualTo(2);
        // 8 in flight: the next list expects 2 more, which at the rate just seen is due at once (not 100000).
        Await.until("the third list", java.time.Duration.ofSeconds(5), () -> {
            try {
                return consumer.poll() > 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        verify(client, times(3)).listTasks(eq("job1"), anyString(), anyString(), any());
    }

    @Test
    void doesNotListWhenTheCompletedCountIsUnchanged() throws Exception {
        AzureBatchConsumer consumer = consumer("");
        when(client.getTaskCounts("job1")).thenReturn(counts(0));

        assertThat(consumer.poll()).isZero();
        assertThat(consumer.poll()).isZero();

        verify(client, never()).listTasks(anyString(), anyString(), anyString(), any());
    }

    @Test
    void listsAgainWhileTheListLagsBehindTheCounts() throws Exception {
        AzureBatchConsumer consumer = consumer("&adaptivePoll=false");
        when(client.getTaskCounts("job1")).thenReturn(counts(2));
        when(client.listTasks(eq("job1"), anyString(), anyString(), any()))
                .thenReturn(List.of(completedTask("t1", 0, T0)))
                .thenReturn(List.of(completedTask("t1", 0, T0), completedTask("t2", 0, T1)));

        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(consumer.poll()).isZero();
        verify(client, times(2)).listTasks(anyString(), anyString(), anyString(), any());
        verify(client, times(2)).getTaskCounts("job1");
    }

    @Test
    void aFailedListIsRetriedOnTheNextPoll() throws Exception {
        AzureBatchConsumer consumer = consumer("");
        when(client.getTaskCounts("job1")).thenReturn(counts(1));
        when(client.listTasks(eq("job1"), anyString(), anyString(), any()))
                .thenThrow(error(503, "ServerBusy"))
                .thenReturn(List.of(completedTask("t1", 0, T0)));

        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, consumer::poll);
        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(receivedIds()).containsExactly("t1");
    }

    @Test
    void pollsQuietlyWhileTheJobDoesNotExist() throws Exception {
        AzureBatchConsumer consumer = consumer("");
        when(client.getTaskCounts("job1")).thenThrow(error(404, "JobNotFound"));

        assertThat(consumer.poll()).isZero();
        assertThat(consumer.poll()).isZero();
        assertThat(received).isEmpty();
    }

    @Test
    void combinesTheEndpointFilterAndSelect() throws Exception {
        AzureBatchConsumer consumer = consumer("&filter=executionInfo/result eq 'failure'&select=id,executionInfo");
        when(client.getTaskCounts("job1")).thenReturn(counts(3));
        when(client.listTasks("job1", "state eq 'completed' and (executionInfo/result eq 'failure')",
                "id,executionInfo,stateTransitionTime", null))
                .thenReturn(List.of(completedTask("t3", 1, T0)));

        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(consumer.poll()).isZero();
        assertThat(consumer.poll()).isZero();
        verify(client, times(2)).listTasks(anyString(), anyString(), anyString(), any());
    }

    @Test
    void aCustomSelectAlwaysIncludesTheIdAndTheTransitionTime() {
        assertThat(AzureBatchConsumer.selectWithId(null)).isEqualTo(AzureBatchConsumer.DEFAULT_SELECT);
        assertThat(AzureBatchConsumer.selectWithId("state,executionInfo"))
                .isEqualTo("id,state,executionInfo,stateTransitionTime");
        assertThat(AzureBatchConsumer.selectWithId("stateTransitionTime, id")).isEqualTo("stateTransitionTime, id");
    }

    @Test
    void aNewConsumerEmitsEveryCompletedTaskOnceMore() throws Exception {
        when(client.getTaskCounts("job1")).thenReturn(counts(2));
        when(client.listTasks(eq("job1"), anyString(), anyString(), any()))
                .thenReturn(List.of(completedTask("t1", 0, T0), completedTask("t2", 0, T1)));

        assertThat(consumer("").poll()).isEqualTo(2);
        ServiceHelper.stopService(consumer);
        assertThat(consumer("").poll()).as("after a restart").isEqualTo(2);
        assertThat(receivedIds()).containsExactly("t1", "t2", "t1", "t2");
    }
}
