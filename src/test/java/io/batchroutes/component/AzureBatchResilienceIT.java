package io.batchroutes.component;

import io.batchroutes.testsupport.EmulatorExtension;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import io.batchroutes.emulator.EmulatorSettings;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The component against an emulator that answers a share of the requests with 503: the retries carry the calls
 * through. And against a wrong key: the failure says so without showing any key.
 */
class AzureBatchResilienceIT extends CamelTestSupport {

    private static final String RETRY = "&maxRetries=10&retryDelay=5&maxRetryDelay=50";
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(EmulatorSettings.defaults().faultRate(0.3).faultStatus(503));

    @BeforeAll
    static void startEmulator() throws Exception {
    }


    private static String uri(String jobId, String key, String options) {
        return "azure-batch:" + jobId + "?accountUrl=" + EMULATOR.emulator().url() + "&accountName=" + EMULATOR.emulator().accountName()
               + "&accountKey=RAW(" + key + ")" + options;
    }

    @Test
    void retriesCarryCallsThroughServerBusyAnswers() {
        String key = EMULATOR.emulator().accountKey();
        template.requestBody(uri("", key, RETRY + "&operation=ensurePool"),
                new PoolAddParameter().withId("flaky-pool").withVmSize("standard_d2s_v3").withTargetDedicatedNodes(1));
        CloudJob job = template.requestBody(uri("flaky-job", key, RETRY + "&operation=ensureJob&poolId=flaky-pool"), null, CloudJob.class);
        assertThat(job.id()).isEqualTo("flaky-job");

        List<TaskAddParameter> tasks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tasks.add(new TaskAddParameter().withId("t" + i).withCommandLine("/bin/true"));
        }
        @SuppressWarnings("unchecked")
        List<TaskAddResult> results = template.requestBody(uri("flaky-job", key, RETRY + "&operation=addTasks"), tasks, List.class);
        assertThat(results).hasSize(300);

        @SuppressWarnings("unchecked")
        List<CloudTask> listed = template.requestBody(uri("flaky-job", key, RETRY + "&operation=listTasks&select=id&maxResults=50"),
                null, List.class);
        assertThat(listed).hasSize(300);
    }

    @Test
    void withoutRetriesTheFaultsShow() {
        String key = EMULATOR.emulator().accountKey();
        int failed = 0;
        for (int i = 0; i < 40; i++) {
            try {
                template.requestBody(uri("", key, "&operation=getPool&poolId=no-such-pool&maxRetries=0"), (Object) null);
            } catch (CamelExecutionException e) {
                if (io.batchroutes.component.client.BatchErrors.status(e) == 503) {
                    failed++;
                }
            }
        }
        assertThat(failed).as("requests failed by the injected 503s").isPositive();
    }

    @Test
    void aWrongKeyFailsWithoutShowingAKey() {
        String wrongKey = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXk=";
        assertThatThrownBy(() -> template.requestBody(uri("any", wrongKey, "&operation=getJob&maxRetries=0"), (Object) null))
                .isInstanceOf(CamelExecutionException.class)
                .satisfies(e -> {
                    StringBuilder all = new StringBuilder();
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        all.append(t).append('\n');
                    }
                    assertThat(all.toString()).contains("403").doesNotContain(wrongKey)
                            .doesNotContain(EMULATOR.emulator().accountKey());
                });
    }
}
