package io.batchroutes.component.client;

import io.batchroutes.component.AzureBatchConfiguration;
import io.batchroutes.component.CredentialType;
import okhttp3.Interceptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchClientFactoryTest {

    private static AzureBatchConfiguration configuration() {
        AzureBatchConfiguration configuration = new AzureBatchConfiguration();
        configuration.setAccountUrl("http://127.0.0.1:18080");
        configuration.setAccountName("devaccount");
        configuration.setAccountKey("c2VjcmV0LWtleQ==");
        configuration.setTimeout(1234);
        return configuration;
    }

    @Test
    void buildsAClientWithTimeoutsAndWithoutTheSdkRetries() {
        BatchClientFactory.BuiltClient built = BatchClientFactory.create(configuration());
        try {
            assertThat(built.client()).isNotNull();
            assertThat(built.restClient().httpClient().readTimeoutMillis()).isEqualTo(1234);
            assertThat(built.restClient().httpClient().connectTimeoutMillis()).isEqualTo(1234);
            assertThat(built.restClient().httpClient().interceptors()).filteredOn(
                    (Interceptor interceptor) -> interceptor instanceof com.microsoft.rest.retry.RetryHandler)
                    .singleElement()
                    .satisfies(handler -> assertThat(((com.microsoft.rest.retry.RetryHandler) handler).strategy().name())
                            .isEqualTo("none"));
        } finally {
            BatchClientFactory.close(built);
        }
    }

    @Test
    void refusesMissingCredentialsWithoutEchoingSecrets() {
        AzureBatchConfiguration configuration = configuration();
        configuration.setAccountName(null);
        assertThatThrownBy(() -> BatchClientFactory.create(configuration))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accountName")
                .hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void entraIdIsNotBuiltYet() {
        AzureBatchConfiguration configuration = configuration();
        configuration.setCredentialType(CredentialType.ENTRA_ID);
        assertThatThrownBy(() -> BatchClientFactory.create(configuration))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ENTRA_ID");
    }
}
