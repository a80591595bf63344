package io.batchroutes.component;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AzureBatchEndpointTest extends CamelTestSupport {

    private static final String KEY = "c2VjcmV0LWtleS1kby1ub3QtbG9n+/=";
    private static final String CREDENTIALS = "accountUrl=http://127.0.0.1:18080&accountName=devaccount&accountKey=RAW(" + KEY + ")";

    @Test
    void uriOptionsLandInTheConfiguration() {
        AzureBatchEndpoint endpoint = context.getEndpoint("azure-batch:job1?" + CREDENTIALS
                + "&poolId=p&operation=addTasks&taskId=t1&filter=state eq 'completed'&select=id,state&maxResults=50"
                + "&filePath=stderr.txt&nodeId=n1&maxRetries=5&retryDelay=10&timeout=5000&addTasksParallelism=8",
                AzureBatchEndpoint.class);

        AzureBatchConfiguration configuration = endpoint.getConfiguration();
        assertThat(configuration.getJobId()).isEqualTo("job1");
        assertThat(configuration.getAccountUrl()).isEqualTo("http://127.0.0.1:18080");
        assertThat(configuration.getAccountName()).isEqualTo("devaccount");
        assertThat(configuration.getAccountKey()).isEqualTo(KEY);
        assertThat(configuration.getPoolId()).isEqualTo("p");
        assertThat(configuration.getOperation()).isEqualTo(AzureBatchOperations.addTasks);
        assertThat(configuration.getTaskId()).isEqualTo("t1");
        assertThat(configuration.getFilter()).isEqualTo("state eq 'completed'");
        assertThat(configuration.getSelect()).isEqualTo("id,state");
        assertThat(configuration.getMaxResults()).isEqualTo(50);
        assertThat(configuration.getFilePath()).isEqualTo("stderr.txt");
        assertThat(configuration.getNodeId()).isEqualTo("n1");
        assertThat(configuration.getMaxRetries()).isEqualTo(5);
        assertThat(configuration.getRetryDelay()).isEqualTo(10);
        assertThat(configuration.getTimeout()).isEqualTo(5000);
        assertThat(configuration.getAddTasksParallelism()).isEqualTo(8);
        assertThat(configuration.getCredentialType()).isEqualTo(CredentialType.SHARED_KEY);
    }

    @Test
    void theJobIdIsOptionalForPoolOperations() {
        AzureBatchEndpoint endpoint = context.getEndpoint("azure-batch:?" + CREDENTIALS + "&poolId=p&operation=ensurePool",
                AzureBatchEndpoint.class);
        assertThat(endpoint.getConfiguration().getJobId()).isNull();
        assertThat(endpoint.getConfiguration().getPoolId()).isEqualTo("p");
    }

    @Test
    void endpointsCopyTheComponentConfigurationAndNeverChangeIt() {
        AzureBatchComponent component = context.getComponent("azure-batch", AzureBatchComponent.class);
        component.getConfiguration().setPoolId("shared-pool");

        AzureBatchEndpoint one = context.getEndpoint("azure-batch:a?" + CREDENTIALS + "&poolId=mine", AzureBatchEndpoint.class);
        AzureBatchEndpoint two = context.getEndpoint("azure-batch:b?" + CREDENTIALS, AzureBatchEndpoint.class);

        assertThat(one.getConfiguration().getPoolId()).isEqualTo("mine");
        assertThat(two.getConfiguration().getPoolId()).isEqualTo("shared-pool");
        assertThat(component.getConfiguration().getPoolId()).isEqualTo("shared-pool");
        assertThat(component.getConfiguration().getJobId()).isNull();
        assertThat(one.getConfiguration()).isNotSameAs(component.getConfiguration());
    }

    @Test
    void theAccountKeyNeverShowsInToStrings() {
        AzureBatchEndpoint endpoint = context.getEndpoint("azure-batch:job1?" + CREDENTIALS, AzureBatchEndpoint.class);
        assertThat(endpoint.toString()).doesNotContain(KEY).doesNotContain("c2VjcmV0");
        assertThat(endpoint.getConfiguration().toString()).doesNotContain(KEY);
    }

    @Test
    void missingCredentialsAreRejected() {
        assertThatThrownBy(() -> context.getEndpoint("azure-batch:job1?accountUrl=http://127.0.0.1:1"))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .hasStackTraceContaining("batchClient, or accountUrl, accountName and accountKey");
    }

    @Test
    void anUnknownOperationIsRejected() {
        assertThatThrownBy(() -> context.getEndpoint("azure-batch:job1?" + CREDENTIALS + "&operation=fly"))
                .isInstanceOf(ResolveEndpointFailedException.class);
    }

    @Test
    void aBatchClientInTheRegistryIsAutowired() {
        BatchClient client = BatchClient.open(new BatchSharedKeyCredentials("http://127.0.0.1:1", "a", "a2V5"));
        context.getRegistry().bind("batchClient", client);

        AzureBatchEndpoint endpoint = context.getEndpoint("azure-batch:job1", AzureBatchEndpoint.class);

        assertThat(endpoint.getConfiguration().getBatchClient()).isSameAs(client);
    }

    @Test
    void aBatchClientCanBeReferenced() {
        BatchClient client = BatchClient.open(new BatchSharedKeyCredentials("http://127.0.0.1:1", "a", "a2V5"));
        context.getRegistry().bind("myClient", client);

        AzureBatchEndpoint endpoint = context.getEndpoint("azure-batch:job1?batchClient=#myClient", AzureBatchEndpoint.class);

        assertThat(endpoint.getConfiguration().getBatchClient()).isSameAs(client);
    }

    @Test
    void theConsumerNeedsAJob() {
        AzureBatchEndpoint endpoint = context.getEndpoint("azure-batch:?" + CREDENTIALS, AzureBatchEndpoint.class);
        assertThatThrownBy(() -> endpoint.createConsumer(exchange -> {
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("azure-batch:myJob");
    }
}
