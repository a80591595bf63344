package io.batchroutes.component;

import io.batchroutes.testsupport.EmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.azure.batch.protocol.models.ImageReference;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;
import io.batchroutes.component.client.BatchClientFactory;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchRetryPolicy;
import io.batchroutes.emulator.BatchEmulator;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.Mockito;
import org.mockito.invocation.Invocation;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer's cost against the emulator: 300 tasks, each emitted once, with few list calls.
 */
class AzureBatchConsumerIT extends CamelTestSupport {

    private static final int TASKS = 300;
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();



    static String uri(BatchEmulator emulator, String jobId, String options) {
        return "azure-batch:" + jobId + "?accountUrl=" + emulator.url() + "&accountName=" + emulator.accountName()
               + "&accountKey=RAW(" + emulator.accountKey() + ")&retryDelay=100" + options;
    }

    static PoolAddParameter pool(String poolId) {
        return new PoolAddParameter().withId(poolId).withVmSize("standard_d2s_v3").withTargetDedicatedNodes(1)
                .withVirtualMachineConfiguration(new VirtualMachineConfiguration()
                        .withImageReference(new ImageReference().withPublisher("canonical")
                                .withOffer("0001-com-ubuntu-server-jammy").withSku("22_04-lts").withVersion("latest"))
                        .withNodeAgentSKUId("batch.node.ubuntu 22.04"));
    }

    @Test
    void emitsEachOf300TasksOnceWithFewListCalls() throws Exception {
        template.requestBody(uri(EMULATOR.emulator(), "", "&operation=ensurePool"), pool("consumer-pool"));
        template.requestBody(uri(EMULATOR.emulator(), "cost-job", "&operation=ensureJob&poolId=consumer-pool"), (Object) null);

        // Not registered with the context, so it starts only below, with the counting wrapper.
        AzureBatchEndpoint endpoint = (AzureBatchEndpoint) context.getComponent("azure-batch")
                .createEndpoint(uri(EMULATOR.emulator(), "cost-job", "&delay=250&initialDelay=0"));
        BatchClientFactory.BuiltClient built = BatchClientFactory.create(endpoint.getConfiguration());
        BatchClientWrapper counted = Mockito.spy(new BatchClientWrapper(built.client(), new BatchRetryPolicy(3, 100, 1000)));
        endpoint.useClientWrapper(counted);
        Map<String, AtomicInteger> emitted = new ConcurrentHashMap<>();
        CountDownLatch all = new CountDownLatch(TASKS);
        AzureBatchConsumer consumer = (AzureBatchConsumer) endpoint.createConsumer(exchange -> {
            String id = exchange.getIn().getHeader(AzureBatchConstants.TASK_ID, String.class);
            if (emitted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet() == 1) {
                all.countDown();
            }
        });
        try {
            ServiceHelper.startService(endpoint, consumer);
            List<TaskAddParameter> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                tasks.add(new TaskAddParameter().withId(String.format("cost-%03d", i)).withCommandLine("/bin/true"));
            }
            template.requestBody(uri(EMULATOR.emulator(), "cost-job", "&operation=addTasks"), tasks);

            assertThat(all.await(60, TimeUnit.SECONDS)).as("all tasks emitted").isTrue();
        } finally {
            ServiceHelper.stopService(consumer, endpoint);
            BatchClientFactory.close(built);
        }
        assertThat(emitted).hasSize(TASKS);
        assertThat(emitted.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        long lists = countCalls(counted, "listTasks");
        long counts = countCalls(counted, "getTaskCounts");
        LoggerFactory.getLogger(AzureBatchConsumerIT.class).info("300 tasks: {} listTasks + {} getTaskCounts calls, {} ids remembered", lists, counts,
                consumer.rememberedCount());
        // One list per poll at most while tasks complete; never one per task.
        assertThat(lists).isLessThan(TASKS / 10);
        List<String> filters = Mockito.mockingDetails(counted).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("listTasks")).map(i -> (String) i.getArgument(1)).toList();
        assertThat(filters.subList(1, filters.size())).as("every list after the first is incremental")
                .allSatisfy(filter -> assertThat(filter).contains("stateTransitionTime ge DateTime'"));
        assertThat(consumer.emittedCount()).isEqualTo(TASKS);
    }

    private static long countCalls(BatchClientWrapper spy, String method) {
        return Mockito.mockingDetails(spy).getInvocations().stream().map(Invocation::getMethod)
                .filter(m -> m.getName().equals(method)).count();
    }
}
