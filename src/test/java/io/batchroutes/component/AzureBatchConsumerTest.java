package io.batchroutes.component;

import java.util.ArrayList;
import java.util.List;

import io.batchroutes.component.client.BatchClientWrapper;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.batchroutes.component.BatchErrorFixtures.completedTask;
import static io.batchroutes.component.BatchErrorFixtures.counts;
import static io.batchroutes.component.BatchErrorFixtures.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class AzureBatchConsumerTest extends CamelTestSupport {

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

    @Test
    void emitsEachCompletedTaskOnceWithItsHeaders() throws Exception {
        AzureBatchConsumer consumer = consumer("");
        when(client.getTaskCounts("job1")).thenReturn(counts(1), counts(2), counts(2));
        when(client.listTasks("job1", AzureBatchConsumer.COMPLETED, AzureBatchConsumer.DEFAULT_SELECT, null))
                .thenReturn(List.of(completedTask("t1", 0)))
                .thenReturn(List.of(completedTask("t1", 0), completedTask("t2", 2)));

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
        verify(client, times(2)).listTasks(anyString(), anyString(), anyString(), any());
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
        AzureBatchConsumer consumer = consumer("");
        when(client.getTaskCounts("job1")).thenReturn(counts(2));
        when(client.listTasks("job1", AzureBatchConsumer.COMPLETED, AzureBatchConsumer.DEFAULT_SELECT, null))
                .thenReturn(List.of(completedTask("t1", 0)))
                .thenReturn(List.of(completedTask("t1", 0), completedTask("t2", 0)));

        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(consumer.poll()).isZero();
        verify(client, times(2)).listTasks(anyString(), anyString(), anyString(), any());
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
        when(client.listTasks("job1", "state eq 'completed' and (executionInfo/result eq 'failure')", "id,executionInfo", null))
                .thenReturn(List.of(completedTask("t3", 1)));

        assertThat(consumer.poll()).isEqualTo(1);
        assertThat(consumer.poll()).isZero();
    }

    @Test
    void aCustomSelectAlwaysIncludesTheId() {
        assertThat(AzureBatchConsumer.selectWithId(null)).isEqualTo(AzureBatchConsumer.DEFAULT_SELECT);
        assertThat(AzureBatchConsumer.selectWithId("state,executionInfo")).isEqualTo("id,state,executionInfo");
        assertThat(AzureBatchConsumer.selectWithId("state, id")).isEqualTo("state, id");
    }

    @Test
    void aNewConsumerEmitsEveryCompletedTaskOnceMore() throws Exception {
        when(client.getTaskCounts("job1")).thenReturn(counts(2));
        when(client.listTasks("job1", AzureBatchConsumer.COMPLETED, AzureBatchConsumer.DEFAULT_SELECT, null))
                .thenReturn(List.of(completedTask("t1", 0), completedTask("t2", 0)));

        assertThat(consumer("").poll()).isEqualTo(2);
        ServiceHelper.stopService(consumer);
        assertThat(consumer("").poll()).as("after a restart").isEqualTo(2);
        assertThat(received).extracting(e -> e.getIn().getHeader(AzureBatchConstants.TASK_ID))
                .containsExactly("t1", "t2", "t1", "t2");
    }
}
