package io.batchroutes.component;

import io.batchroutes.testsupport.EmulatorExtension;
import java.util.List;
import java.util.Properties;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component as the daemon uses it: YAML routes, placeholders, and a BatchClient bean the routes reference.
 */
class AzureBatchYamlRouteIT extends CamelTestSupport {

    private static final String ROUTES = """
            - route:
                id: ensure
                from:
                  uri: direct:ensure
                  steps:
                    - to:
                        uri: "azure-batch:{{batch.job}}"
                        parameters:
                          operation: ensureJob
                          poolId: "{{batch.pool}}"
                          batchClient: "#batchClient"
            - route:
                id: submit
                from:
                  uri: direct:submit
                  steps:
                    - to: "azure-batch:{{batch.job}}?operation=addTasks&batchClient=#batchClient"
            - route:
                id: collect
                from:
                  uri: "azure-batch:{{batch.job}}"
                  parameters:
                    batchClient: "#batchClient"
                    delay: 100
                    initialDelay: 0
                  steps:
                    - to: mock:collected
            """;

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();
    private static BatchClient client;

    @BeforeAll
    static void startEmulator() {
        client = BatchClient.open(new BatchSharedKeyCredentials(EMULATOR.emulator().url(), EMULATOR.emulator().accountName(), EMULATOR.emulator().accountKey()));
    }


    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.setProperty("batch.job", "yaml-job");
        properties.setProperty("batch.pool", "yaml-pool");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.getRegistry().bind("batchClient", client);
        return context;
    }

    @Test
    void yamlRoutesEnsureSubmitAndCollect() throws Exception {
        client.protocolLayer().pools().add(new PoolAddParameter().withId("yaml-pool").withVmSize("standard_d2s_v3")
                .withTargetDedicatedNodes(1));
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("azure-batch.camel.yaml", ROUTES));
        MockEndpoint collected = getMockEndpoint("mock:collected");
        collected.expectedMessageCount(3);
        collected.setResultWaitTime(60_000);

        CloudJob job = template.requestBody("direct:ensure", (Object) null, CloudJob.class);
        assertThat(job.id()).isEqualTo("yaml-job");
        template.requestBody("direct:submit", List.of(
                new TaskAddParameter().withId("a").withCommandLine("/bin/sh -c 'echo a'"),
                new TaskAddParameter().withId("b").withCommandLine("/bin/sh -c 'echo b'"),
                new TaskAddParameter().withId("c").withCommandLine("/bin/sh -c 'exit 1'")));

        collected.assertIsSatisfied();
        assertThat(collected.getReceivedExchanges()).extracting(e -> e.getIn().getBody(CloudTask.class).id())
                .containsExactlyInAnyOrder("a", "b", "c");

        // The injected client is the application's: stopping the routes leaves it usable.
        context.getRouteController().stopAllRoutes();
        assertThat(client.protocolLayer().jobs().get("yaml-job").id()).isEqualTo("yaml-job");
    }
}
