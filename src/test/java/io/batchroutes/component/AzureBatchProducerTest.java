package io.batchroutes.component;

import java.util.List;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import io.batchroutes.component.client.BatchClientWrapper;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static io.batchroutes.component.BatchErrorFixtures.completedTask;
import static io.batchroutes.component.BatchErrorFixtures.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class AzureBatchProducerTest extends CamelTestSupport {

    private static final String CREDENTIALS = "accountUrl=http://127.0.0.1:18080&accountName=devaccount&accountKey=a2V5";

    private final BatchClientWrapper client = mock(BatchClientWrapper.class);

    private AzureBatchEndpoint endpoint(String uri) throws Exception {
        AzureBatchComponent component = context.getComponent("azure-batch", AzureBatchComponent.class);
        AzureBatchEndpoint endpoint = (AzureBatchEndpoint) component.createEndpoint(uri);
        endpoint.useClientWrapper(client);
        ServiceHelper.startService(endpoint);
        return endpoint;
    }

    @Test
    void theConfiguredOperationRuns() throws Exception {
        when(client.getTaskCounts("job1")).thenReturn(counts(4));
        AzureBatchEndpoint endpoint = endpoint("azure-batch:job1?" + CREDENTIALS + "&operation=getTaskCounts");

        Exchange result = template.request(endpoint, exchange -> {
        });

        assertThat(result.getMessage().getBody(TaskCountsResult.class).taskCounts().completed()).isEqualTo(4);
        assertThat(result.getMessage().getHeader(AzureBatchConstants.JOB_ID)).isEqualTo("job1");
    }

    @Test
    void theOperationHeaderWinsOverTheOption() throws Exception {
        when(client.getPool("p7", null)).thenReturn(new CloudPool().withId("p7"));
        AzureBatchEndpoint endpoint = endpoint("azure-batch:job1?" + CREDENTIALS + "&operation=getTaskCounts&poolId=p1");

        Exchange result = template.request(endpoint, exchange -> {
            exchange.getIn().setHeader(AzureBatchConstants.OPERATION, "getPool");
            exchange.getIn().setHeader(AzureBatchConstants.POOL_ID, "p7");
        });

        assertThat(result.getMessage().getBody(CloudPool.class).id()).isEqualTo("p7");
    }

    @Test
    void listTasksIsTheDefaultOperation() throws Exception {
        when(client.listTasks("job1", null, null, null)).thenReturn(List.of(completedTask("t1", 0)));
        AzureBatchEndpoint endpoint = endpoint("azure-batch:job1?" + CREDENTIALS);

        Exchange result = template.request(endpoint, exchange -> {
        });

        assertThat(result.getMessage().getBody(List.class)).hasSize(1);
    }

    @Test
    void anUnknownOperationHeaderIsAnIllegalArgument() throws Exception {
        AzureBatchEndpoint endpoint = endpoint("azure-batch:job1?" + CREDENTIALS);

        assertThatThrownBy(() -> template.requestBodyAndHeader(endpoint, null, AzureBatchConstants.OPERATION, "fly"))
                .isInstanceOf(CamelExecutionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .hasRootCauseMessage("Unknown azure-batch operation 'fly'; known operations: "
                                     + java.util.Arrays.toString(AzureBatchOperations.values()));
    }

    @Test
    void everyOperationIsDispatched() throws Exception {
        // Each operation must reach its operations class: missing inputs then fail with that operation's own message.
        AzureBatchEndpoint endpoint = endpoint("azure-batch:?" + CREDENTIALS + "&nodeAgentSkuPrefix=");
        for (AzureBatchOperations operation : AzureBatchOperations.values()) {
            if (operation == AzureBatchOperations.listSupportedImages) {
                continue;
            }
            assertThatThrownBy(() -> template.requestBodyAndHeader(endpoint, null, AzureBatchConstants.OPERATION, operation))
                    .as(operation.name())
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .rootCause().hasMessageContaining(operation.name());
        }
    }
}
