package io.batchroutes.component.operations;

import java.util.List;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import io.batchroutes.component.AzureBatchConfiguration;
import io.batchroutes.component.AzureBatchConfigurationOptionsProxy;
import io.batchroutes.component.AzureBatchConstants;
import io.batchroutes.component.client.BatchClientWrapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static io.batchroutes.component.BatchErrorFixtures.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class BatchPoolAndJobOperationsTest {

    private final BatchClientWrapper client = mock(BatchClientWrapper.class);
    private final AzureBatchConfiguration configuration = new AzureBatchConfiguration();
    private BatchPoolOperations pools;
    private BatchJobOperations jobs;
    private Exchange exchange;

    @BeforeEach
    void setUp() {
        AzureBatchConfigurationOptionsProxy options = new AzureBatchConfigurationOptionsProxy(configuration);
        pools = new BatchPoolOperations(options, client);
        jobs = new BatchJobOperations(options, client);
        exchange = new DefaultExchange(new DefaultCamelContext());
    }

    @Test
    void ensurePoolCreatesThenReturnsThePool() throws Exception {
        configuration.setPoolId("ignored");
        CloudPool pool = new CloudPool().withId("p1");
        when(client.getPool("p1", null)).thenReturn(pool);
        exchange.getIn().setBody(new PoolAddParameter().withId("p1").withVmSize("standard_d2s_v3"));

        AzureBatchOperationResponse response = pools.ensurePool(exchange);

        verify(client).createPool(any());
        assertThat(response.getBody()).isSameAs(pool);
        assertThat(response.getHeaders()).containsEntry(AzureBatchConstants.POOL_ID, "p1");
    }

    @Test
    void ensurePoolAdoptsAnExistingPool() throws Exception {
        doThrow(error(409, "PoolExists")).when(client).createPool(any());
        when(client.getPool("p1", null)).thenReturn(new CloudPool().withId("p1"));
        exchange.getIn().setBody(new PoolAddParameter().withId("p1"));

        assertThat(((CloudPool) pools.ensurePool(exchange).getBody()).id()).isEqualTo("p1");
    }

    @Test
    void ensurePoolRefusesAnExistingPoolThatDoesNotFit() throws Exception {
        doThrow(error(409, "PoolExists")).when(client).createPool(any());
        when(client.getPool("p1", null)).thenReturn(new CloudPool().withId("p1").withVmSize("standard_a1")
                .withTaskSlotsPerNode(4));
        exchange.getIn().setBody(new PoolAddParameter().withId("p1").withVmSize("STANDARD_D2S_V3").withTaskSlotsPerNode(2));
        assertThatThrownBy(() -> pools.ensurePool(exchange)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pool p1 exists but does not fit")
                .hasMessageContaining("vmSize standard_a1 instead of STANDARD_D2S_V3")
                .hasMessageContaining("taskSlotsPerNode 4 instead of 2");
    }

    @Test
    void ensurePoolTakesThePoolIdWhenTheBodyHasNone() throws Exception {
        configuration.setPoolId("p2");
        when(client.getPool("p2", null)).thenReturn(new CloudPool().withId("p2"));
        exchange.getIn().setBody(new PoolAddParameter().withVmSize("standard_d2s_v3"));

        pools.ensurePool(exchange);

        ArgumentCaptor<PoolAddParameter> created = ArgumentCaptor.forClass(PoolAddParameter.class);
        verify(client).createPool(created.capture());
        assertThat(created.getValue().id()).isEqualTo("p2");
    }

    @Test
    void ensurePoolWithoutBodyAdoptsOrExplains() throws Exception {
        configuration.setPoolId("p3");
        when(client.getPool("p3", null)).thenThrow(error(404, "PoolNotFound"));

        assertThatThrownBy(() -> pools.ensurePool(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool p3 does not exist");
        verify(client, never()).createPool(any());
    }

    @Test
    void ensurePoolPropagatesOtherErrors() throws Exception {
        doThrow(error(400, "InvalidPropertyValue")).when(client).createPool(any());
        exchange.getIn().setBody(new PoolAddParameter().withId("p1"));

        assertThatThrownBy(() -> pools.ensurePool(exchange)).hasMessageContaining("InvalidPropertyValue");
    }

    @Test
    void ensurePoolNeedsAnId() {
        assertThatThrownBy(() -> pools.ensurePool(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ensurePool needs");
    }

    @Test
    void ensureJobBuildsTheJobFromJobIdAndPoolId() throws Exception {
        configuration.setJobId("job1");
        configuration.setPoolId("p1");
        when(client.getJob("job1", null)).thenReturn(new CloudJob().withId("job1"));

        AzureBatchOperationResponse response = jobs.ensureJob(exchange);

        ArgumentCaptor<JobAddParameter> created = ArgumentCaptor.forClass(JobAddParameter.class);
        verify(client).createJob(created.capture());
        assertThat(created.getValue().id()).isEqualTo("job1");
        assertThat(created.getValue().poolInfo().poolId()).isEqualTo("p1");
        assertThat(response.getHeaders()).containsEntry(AzureBatchConstants.JOB_ID, "job1");
    }

    @Test
    void ensureJobTreatsJobExistsAsSuccess() throws Exception {
        configuration.setPoolId("p1");
        exchange.getIn().setHeader(AzureBatchConstants.JOB_ID, "job9");
        doThrow(error(409, "JobExists")).when(client).createJob(any());
        when(client.getJob("job9", null)).thenReturn(new CloudJob().withId("job9"));

        assertThat(((CloudJob) jobs.ensureJob(exchange).getBody()).id()).isEqualTo("job9");
    }

    @Test
    void ensureJobNeedsAPool() {
        configuration.setJobId("job1");
        assertThatThrownBy(() -> jobs.ensureJob(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poolId");
    }

    @Test
    void resizePoolNeedsATarget() throws Exception {
        configuration.setPoolId("p1");
        assertThatThrownBy(() -> pools.resizePool(exchange)).isInstanceOf(IllegalArgumentException.class);
        exchange.getIn().setHeader(AzureBatchConstants.TARGET_DEDICATED_NODES, 3);
        pools.resizePool(exchange);
        verify(client).resizePool("p1", 3, null);
    }

    @Test
    void getNodeFileReadsTheFile() throws Exception {
        configuration.setPoolId("p1");
        configuration.setNodeId("n1");
        configuration.setFilePath("startup/stderr.txt");
        when(client.getNodeFile("p1", "n1", "startup/stderr.txt", null)).thenReturn(new byte[] { 1 });
        assertThat((byte[]) pools.getNodeFile(exchange).getBody()).containsExactly(1);
    }

    @Test
    void terminateJobTakesTheReasonFromTheBody() throws Exception {
        configuration.setJobId("job1");
        exchange.getIn().setBody("all done");
        jobs.terminateJob(exchange);
        verify(client).terminateJob("job1", "all done");
    }

    @Test
    void listNodesOfThePool() throws Exception {
        configuration.setPoolId("p1");
        when(client.listNodes("p1", null, null, null)).thenReturn(List.of());
        assertThat((List<?>) pools.listNodes(exchange).getBody()).isEmpty();
    }
}
