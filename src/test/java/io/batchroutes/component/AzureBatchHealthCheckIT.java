package io.batchroutes.component;

import io.batchroutes.testsupport.FreePorts;
import io.batchroutes.testsupport.EmulatorExtension;
import java.time.Duration;
import java.time.Instant;

import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.StartTask;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.batchroutes.component.AzureBatchConsumerIT.pool;
import static io.batchroutes.component.AzureBatchConsumerIT.uri;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component's readiness check against the emulator: up, pool start task failing, and an unreachable account.
 */
class AzureBatchHealthCheckIT extends CamelTestSupport {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();



    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri(EMULATOR.emulator(), "health-job", "&delay=1000")).routeId("watch").to("log:done");
            }
        };
    }

    private HealthCheck.Result check(String endpointUri) {
        AzureBatchEndpoint endpoint = context.getEndpoint(endpointUri, AzureBatchEndpoint.class);
        return new AzureBatchHealthCheck(endpoint, "test").call();
    }

    @Test
    void theConsumerRegistersAReadinessCheckThatIsUp() {
        AzureBatchConsumer consumer = (AzureBatchConsumer) context.getRoute("watch").getConsumer();
        assertThat(HealthCheckHelper.invokeReadiness(context)).extracting(r -> r.getCheck().getId())
                .contains("azure-batch-consumer-watch");
        HealthCheck.Result result = consumer.healthCheck().call();
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getCheck().isLiveness()).isFalse();
    }

    @Test
    void aHealthyPoolIsUpWithItsState() {
        template.requestBody(uri(EMULATOR.emulator(), "", "&operation=ensurePool"), pool("healthy-pool"));
        HealthCheck.Result result = check(uri(EMULATOR.emulator(), "", "&poolId=healthy-pool"));
        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry("pool.state", "active");
    }

    @Test
    void aMissingPoolIsDown() {
        HealthCheck.Result result = check(uri(EMULATOR.emulator(), "", "&poolId=no-such-pool&maxRetries=0"));
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("does not exist"));
    }

    @Test
    void aPoolWhoseStartTaskFailsIsDownWithTheReason() {
        PoolAddParameter broken = pool("broken-pool").withStartTask(new StartTask()
                .withCommandLine("/bin/sh -c 'echo cannot install >&2; exit 7'").withWaitForSuccess(true));
        template.requestBody(uri(EMULATOR.emulator(), "", "&operation=ensurePool"), broken);
        String endpoint = uri(EMULATOR.emulator(), "", "&poolId=broken-pool");

        // The node reaches starttaskfailed once its start task ran; each check is one round trip to the EMULATOR.emulator().
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        HealthCheck.Result result = check(endpoint);
        while (result.getState() == HealthCheck.State.UP && Instant.now().isBefore(deadline)) {
            result = check(endpoint);
        }
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("starttaskfailed")
                .contains("exit code 7"));
        assertThat(result.getDetails()).containsKey("pool.badNodes");
    }

    @Test
    void anUnreachableAccountIsDown() throws Exception {
        int closedPort = FreePorts.pick();
        String endpoint = "azure-batch:?accountUrl=http://127.0.0.1:" + closedPort + "&accountName=a&accountKey=a2V5"
                          + "&maxRetries=0&timeout=2000";
        HealthCheck.Result result = check(endpoint);
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("not reachable"));
        assertThat(result.getError()).isPresent();
    }
}
