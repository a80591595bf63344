package io.batchroutes.component;

import io.batchroutes.testsupport.Await;
import io.batchroutes.testsupport.EmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prompt polls against the emulator: a task a producer of the same component adds to an idle job is emitted without
 * waiting for the regular poll (ten minutes here); a job with work in flight gets no extra polls.
 */
class AzureBatchPromptPollIT extends CamelTestSupport {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();
    private static final String NO_REGULAR_POLL_SOON = "&delay=600000&initialDelay=0&promptPollDelay=50";

    private final Set<String> emitted = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void pool() {
        template.requestBody(EMULATOR.uri("", "&operation=ensurePool"), AzureBatchConsumerIT.pool("prompt-pool"));
    }

    @Test
    void aTaskAddedToAnIdleJobIsEmittedSoonAfterItCompletes() throws Exception {
        AzureBatchConsumer consumer = startConsumer("idle-job", NO_REGULAR_POLL_SOON + "&promptPollWindow=60000");
        try {
            addTask("idle-job", "lone", "/bin/true");
            Await.until("the lone task emitted", Duration.ofSeconds(30), () -> emitted.contains("lone"));
            Await.until("prompt polls over once it was seen", Duration.ofSeconds(10), () -> !consumer.promptPolls().isActive());
        } finally {
            ServiceHelper.stopService(consumer);
        }
    }

    @Test
    void aJobWithWorkInFlightGetsNoPromptPolls() throws Exception {
        AzureBatchConsumer consumer = startConsumer("busy-job", NO_REGULAR_POLL_SOON + "&promptPollWindow=300");
        try {
            addTask("busy-job", "long", "/bin/sleep 20");
            Await.until("prompt polls over (window passed)", Duration.ofSeconds(30), () -> !consumer.promptPolls().isActive());
            addTask("busy-job", "short", "/bin/true");
            assertThat(consumer.promptPolls().isActive()).as("the consumer saw a task in flight").isFalse();
        } finally {
            ServiceHelper.stopService(consumer);
        }
    }

    private AzureBatchConsumer startConsumer(String jobId, String options) throws Exception {
        template.requestBody(EMULATOR.uri(jobId, "&operation=ensureJob&poolId=prompt-pool"), (Object) null);
        AzureBatchEndpoint endpoint = (AzureBatchEndpoint) context.getEndpoint(EMULATOR.uri(jobId, options));
        AzureBatchConsumer consumer = (AzureBatchConsumer) endpoint.createConsumer(
                exchange -> emitted.add(exchange.getIn().getHeader(AzureBatchConstants.TASK_ID, String.class)));
        ServiceHelper.startService(consumer);
        Await.until("the first regular poll", Duration.ofSeconds(30), consumer::isFirstPollDone);
        return consumer;
    }

    private void addTask(String jobId, String id, String commandLine) {
        template.requestBody(EMULATOR.uri(jobId, "&operation=addTasks"),
                List.of(new TaskAddParameter().withId(id).withCommandLine(commandLine)));
    }
}
