package io.batchroutes.app;

import java.io.IOException;

import io.batchroutes.component.BatchErrorFixtures;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisioningTest {

    private final Provisioning provisioning = new Provisioning();

    @Test
    void throttledOrBusyBatchIsWaitedFor() {
        assertThat(provisioning.worthRetrying(failedWith(BatchErrorFixtures.error(429, "TooManyRequests"), 1))).isTrue();
        assertThat(provisioning.worthRetrying(failedWith(BatchErrorFixtures.error(503, "ServerBusy"), Provisioning.RETRIES))).isTrue();
    }

    @Test
    void forAWhileOnly() {
        assertThat(provisioning.worthRetrying(failedWith(BatchErrorFixtures.error(429, "TooManyRequests"), Provisioning.RETRIES + 1)))
                .isFalse();
    }

    @Test
    void wrongCredentialsOrNothingAnsweringStopAtOnce() {
        assertThat(provisioning.worthRetrying(failedWith(BatchErrorFixtures.error(403, "AuthenticationFailed"), 1))).isFalse();
        assertThat(provisioning.worthRetrying(failedWith(new RuntimeException(new IOException("Connection refused")), 1))).isFalse();
    }

    private static Exchange failedWith(Exception e, int redelivery) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(e);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_COUNTER, redelivery);
        return exchange;
    }
}
