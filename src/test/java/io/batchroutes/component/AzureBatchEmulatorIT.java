package io.batchroutes.component;

import io.batchroutes.testsupport.EmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ImageReference;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component against the local Batch emulator: real HTTP, real Shared Key signatures, tasks run as processes.
 */
class AzureBatchEmulatorIT extends CamelTestSupport {

    private static final String POOL = "it-pool";
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();

    private static String uri(String jobId, String options) {
        return EMULATOR.uri(jobId, options);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("it-consumed", "&delay=100&initialDelay=0")).routeId("completed").to("mock:completed");
            }
        };
    }

    private CloudPool ensurePool() {
        PoolAddParameter pool = new PoolAddParameter().withId(POOL).withVmSize("standard_d2s_v3")
                .withTargetDedicatedNodes(1)
                .withVirtualMachineConfiguration(new VirtualMachineConfiguration()
                        .withImageReference(new ImageReference().withPublisher("canonical")
                                .withOffer("0001-com-ubuntu-server-jammy").withSku("22_04-lts").withVersion("latest"))
                        .withNodeAgentSKUId("batch.node.ubuntu 22.04"));
        return template.requestBody(uri("", "&operation=ensurePool"), pool, CloudPool.class);
    }

    private static List<TaskAddParameter> echoTasks(int count) {
        List<TaskAddParameter> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(new TaskAddParameter().withId(String.format("echo-%03d", i)).withDisplayName("echo " + i)
                    .withCommandLine("/bin/sh -c 'echo hi " + i + "'"));
        }
        return tasks;
    }

    @Test
    void ensurePoolAndEnsureJobAreIdempotent() {
        CloudPool first = ensurePool();
        CloudPool second = ensurePool();
        assertThat(first.id()).isEqualTo(POOL);
        assertThat(second.id()).isEqualTo(POOL);

        CloudJob job = template.requestBody(uri("it-idempotent", "&operation=ensureJob&poolId=" + POOL), null, CloudJob.class);
        CloudJob again = template.requestBody(uri("it-idempotent", "&operation=ensureJob&poolId=" + POOL), null, CloudJob.class);
        assertThat(job.id()).isEqualTo("it-idempotent");
        assertThat(again.id()).isEqualTo("it-idempotent");
        assertThat(again.poolInfo().poolId()).isEqualTo(POOL);
    }

    @Test
    void addsTasksInChunksAndConsumesEachCompletedTaskOnce() throws Exception {
        ensurePool();
        template.requestBody(uri("it-consumed", "&operation=ensureJob&poolId=" + POOL), (Object) null);
        MockEndpoint completed = getMockEndpoint("mock:completed");
        completed.expectedMessageCount(251);
        completed.setResultWaitTime(TimeUnit.MINUTES.toMillis(3));

        List<TaskAddParameter> tasks = echoTasks(250);
        tasks.add(new TaskAddParameter().withId("fails").withCommandLine("/bin/sh -c 'echo bad >&2; exit 3'"));
        @SuppressWarnings("unchecked")
        List<TaskAddResult> results = template.requestBody(uri("it-consumed", "&operation=addTasks"), tasks, List.class);
        assertThat(results).hasSize(251);

        // Adding them again is harmless: TaskExists counts as added.
        template.requestBody(uri("it-consumed", "&operation=addTasks"), echoTasks(250), List.class);

        completed.assertIsSatisfied();
        Set<String> ids = new HashSet<>();
        for (Exchange exchange : completed.getReceivedExchanges()) {
            String id = exchange.getIn().getHeader(AzureBatchConstants.TASK_ID, String.class);
            assertThat(ids.add(id)).as("emitted once: " + id).isTrue();
            assertThat(exchange.getIn().getHeader(AzureBatchConstants.TASK_STATE)).isEqualTo("completed");
            assertThat(exchange.getIn().getHeader(AzureBatchConstants.JOB_ID)).isEqualTo("it-consumed");
            if (id.equals("fails")) {
                assertThat(exchange.getIn().getHeader(AzureBatchConstants.EXIT_CODE)).isEqualTo(3);
                assertThat(exchange.getIn().getHeader(AzureBatchConstants.TASK_RESULT)).isEqualTo("failure");
                assertThat(exchange.getIn().getHeader(AzureBatchConstants.FAILURE_CODE, String.class)).isNotBlank();
            } else {
                assertThat(exchange.getIn().getHeader(AzureBatchConstants.EXIT_CODE)).isEqualTo(0);
                assertThat(exchange.getIn().getHeader(AzureBatchConstants.TASK_RESULT)).isEqualTo("success");
                assertThat(exchange.getIn().getHeader(AzureBatchConstants.NODE_ID, String.class)).isNotBlank();
            }
        }
        assertThat(ids).hasSize(251);

        TaskCountsResult counts = template.requestBody(uri("it-consumed", "&operation=getTaskCounts"), null,
                TaskCountsResult.class);
        assertThat(counts.taskCounts().completed()).isEqualTo(251);
        assertThat(counts.taskCounts().failed()).isEqualTo(1);

        byte[] stdout = template.requestBodyAndHeader(uri("it-consumed", "&operation=getTaskFile&filePath=stdout.txt"),
                null, AzureBatchConstants.TASK_ID, "echo-007", byte[].class);
        assertThat(new String(stdout, StandardCharsets.UTF_8)).isEqualTo("hi 7\n");
        byte[] stderr = template.requestBodyAndHeader(uri("it-consumed", "&operation=getTaskFile&filePath=stderr.txt"),
                null, AzureBatchConstants.TASK_ID, "fails", byte[].class);
        assertThat(new String(stderr, StandardCharsets.UTF_8)).isEqualTo("bad\n");

        @SuppressWarnings("unchecked")
        List<ComputeNode> nodes = template.requestBody(uri("", "&operation=listNodes&poolId=" + POOL), null, List.class);
        assertThat(nodes).hasSize(1);
    }
}
