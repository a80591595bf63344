package io.batchroutes.app.batch;

import java.io.IOException;

import java.util.List;

import io.batchroutes.component.AzureBatchAddTasksException;
import io.batchroutes.component.AzureBatchAddTasksException.Failure;
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
    void reattachedTasksAnsweredBusyAreSentAgain() {
        AzureBatchAddTasksException busy = new AzureBatchAddTasksException("job", 2, List.of(
                new Failure("t1", "ServerBusy", "503", false, true), new Failure("t2", "ServerBusy", "503", false, true)),
                List.of());
        assertThat(provisioning.worthRetrying(busy, null, 1)).isTrue();
    }

    @Test
    void reattachedTasksRefusedOrUnreachableStopTheStart() {
        AzureBatchAddTasksException refused = new AzureBatchAddTasksException("job", 2, List.of(
                new Failure("t1", "ServerBusy", "503", false, true), new Failure("t2", "InvalidPropertyValue", "bad")),
                List.of());
        AzureBatchAddTasksException unreachable = new AzureBatchAddTasksException("job", 1, List.of(
                new Failure("t1", "ConnectException", "refused", false)), List.of());
        assertThat(provisioning.worthRetrying(refused, null, 1)).isFalse();
        assertThat(provisioning.worthRetrying(unreachable, null, 1)).isFalse();
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
