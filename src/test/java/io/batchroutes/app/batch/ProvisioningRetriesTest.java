package io.batchroutes.app.batch;

import java.io.IOException;

import io.batchroutes.component.BatchErrorFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisioningRetriesTest {

    private final ProvisioningRetries provisioning = new ProvisioningRetries();

    @Test
    void throttledOrBusyBatchIsWaitedFor() {
        assertThat(provisioning.worthRetrying(BatchErrorFixtures.error(429, "TooManyRequests"), null, 1)).isTrue();
        assertThat(provisioning.worthRetrying(BatchErrorFixtures.error(503, "ServerBusy"), null, ProvisioningRetries.RETRIES)).isTrue();
    }

    @Test
    void forAWhileOnly() {
        assertThat(provisioning.worthRetrying(BatchErrorFixtures.error(429, "TooManyRequests"), null, ProvisioningRetries.RETRIES + 1))
                .isFalse();
    }

    @Test
    void wrongCredentialsOrNothingAnsweringStopAtOnce() {
        assertThat(provisioning.worthRetrying(BatchErrorFixtures.error(403, "AuthenticationFailed"), null, 1)).isFalse();
        assertThat(provisioning.worthRetrying(new RuntimeException(new IOException("Connection refused")), null, 1)).isFalse();
    }
}
