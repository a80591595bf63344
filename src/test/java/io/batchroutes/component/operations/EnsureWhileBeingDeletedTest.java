package io.batchroutes.component.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import io.batchroutes.component.AzureBatchConfiguration;
import io.batchroutes.component.AzureBatchConfigurationOptionsProxy;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchErrors;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static io.batchroutes.component.BatchErrorFixtures.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** ensurePool/ensureJob against an id still being deleted: create again, with growing waits, within the budget. */
class EnsureWhileBeingDeletedTest {

    private final BatchClientWrapper client = mock(BatchClientWrapper.class);
    private final AzureBatchConfiguration configuration = new AzureBatchConfiguration();
    private final AzureBatchConfigurationOptionsProxy options = new AzureBatchConfigurationOptionsProxy(configuration);
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<Long> waits = new ArrayList<>();

    private DeletionWait budget(long millis) {
        return new DeletionWait(millis, wait -> {
            waits.add(wait);
            now.addAndGet(wait);
        }, now::get);
    }

    @Test
    void ensurePoolCreatesThePoolOnceTheOldOneIsGone() throws Exception {
        doThrow(error(409, "PoolBeingDeleted"), error(409, "PoolBeingDeleted")).doNothing()
                .when(client).createPool(any());
        when(client.getPool("p1", null)).thenReturn(new CloudPool().withId("p1"));
        exchange.getIn().setBody(new PoolAddParameter().withId("p1"));

        new BatchPoolOperations(options, client, budget(60_000)).ensurePool(exchange);

        verify(client, times(3)).createPool(any());
        assertThat(waits).containsExactly(1000L, 2000L);
    }

    @Test
    void ensureJobCreatesTheJobOnceTheOldOneIsGone() throws Exception {
        configuration.setJobId("job1");
        configuration.setPoolId("p1");
        doThrow(error(409, "JobBeingDeleted")).doNothing().when(client).createJob(any());
        when(client.getJob("job1", null)).thenReturn(new CloudJob().withId("job1"));

        new BatchJobOperations(options, client, budget(60_000)).ensureJob(exchange);

        verify(client, times(2)).createJob(any());
        assertThat(waits).containsExactly(1000L);
    }

    @Test
    void givesUpWhenTheBudgetIsSpentAndSaysWhy() throws Exception {
        doThrow(error(409, "PoolBeingDeleted")).when(client).createPool(any());
        exchange.getIn().setBody(new PoolAddParameter().withId("p1"));
        BatchPoolOperations pools = new BatchPoolOperations(options, client, budget(40_000));

        assertThatThrownBy(() -> pools.ensurePool(exchange)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pool p1 is still being deleted after 40000 ms (deletionWaitTimeout)")
                .satisfies(e -> assertThat(BatchErrors.code(e)).isEqualTo("PoolBeingDeleted"));
        // 1, 2, 4, 8 s, then capped at 15 s, the last wait cut to what is left of the budget.
        assertThat(waits).containsExactly(1000L, 2000L, 4000L, 8000L, 15000L, 10000L);
        verify(client, times(7)).createPool(any());
    }

    @Test
    void aZeroBudgetFailsAtOnce() throws Exception {
        configuration.setJobId("job1");
        configuration.setPoolId("p1");
        doThrow(error(409, "JobBeingDeleted")).when(client).createJob(any());

        assertThatThrownBy(() -> new BatchJobOperations(options, client, budget(0)).ensureJob(exchange))
                .hasMessageContaining("job job1 is still being deleted after 0 ms");
        assertThat(waits).isEmpty();
    }

    @Test
    void otherConflictsAreNotWaitedFor() throws Exception {
        configuration.setJobId("job1");
        configuration.setPoolId("p1");
        doThrow(error(409, "PoolBeingDeleted")).when(client).createJob(any());

        assertThatThrownBy(() -> new BatchJobOperations(options, client, budget(60_000)).ensureJob(exchange))
                .satisfies(e -> assertThat(BatchErrors.code(e)).isEqualTo("PoolBeingDeleted"))
                .isNotInstanceOf(IllegalStateException.class);
        assertThat(waits).isEmpty();
    }

    @Test
    void theBudgetIsAComponentOptionOfFifteenMinutes() {
        assertThat(configuration.getDeletionWaitTimeout()).isEqualTo(900_000L);
    }
}
