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
    void aServicePrincipalNeedsAllThreeOptionsAndNeverEchoesTheSecret() {
        AzureBatchConfiguration configuration = configuration();
        configuration.setCredentialType(CredentialType.AZURE_IDENTITY);
        configuration.setTenantId("tenant");
        configuration.setClientSecret("s3cr3t-value");
        assertThatThrownBy(() -> BatchClientFactory.create(configuration))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientId")
                .hasMessageNotContaining("s3cr3t");

        configuration.setClientId("app");
        BatchClientFactory.BuiltClient built = BatchClientFactory.create(configuration);
        try {
            assertThat(BatchClientFactory.credentials(configuration, "http://127.0.0.1:1"))
                    .isInstanceOf(EntraIdBatchCredentials.class);
        } finally {
            BatchClientFactory.close(built);
        }
    }

    @Test
    void theFormerEntraIdNameMeansAzureIdentity() {
        AzureBatchConfiguration configuration = configuration();
        configuration.setCredentialType(CredentialType.ENTRA_ID);
        configuration.setTenantId("tenant");
        configuration.setClientId("app");
        configuration.setClientSecret("secret");
        assertThat(BatchClientFactory.credentials(configuration, "http://127.0.0.1:1"))
                .isInstanceOf(EntraIdBatchCredentials.class);
    }

    @Test
    void aTokenCredentialIsRequiredForTokenCredentialType() {
        AzureBatchConfiguration configuration = configuration();
        configuration.setCredentialType(CredentialType.TOKEN_CREDENTIAL);
        assertThatThrownBy(() -> BatchClientFactory.create(configuration))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TokenCredential");
    }
}
