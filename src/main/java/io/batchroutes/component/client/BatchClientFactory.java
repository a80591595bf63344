package io.batchroutes.component.client;

import java.util.concurrent.TimeUnit;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.microsoft.azure.AzureResponseBuilder;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchCredentials;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.serializer.AzureJacksonAdapter;
import com.microsoft.rest.RestClient;
import com.microsoft.rest.RestException;
import com.microsoft.rest.protocol.ResponseBuilder;
import com.microsoft.rest.protocol.SerializerAdapter;
import com.microsoft.rest.retry.RetryStrategy;
import io.batchroutes.component.AzureBatchConfiguration;
import io.batchroutes.component.CredentialType;
import okhttp3.Response;
import org.apache.camel.util.ObjectHelper;

/**
 * Builds the Batch client of an endpoint that was not given one. It builds the HTTP client itself (rather than
 * {@code BatchClient.open(credentials)}) to set timeouts on every call, to turn off the SDK's own retries (ours
 * re-sign each attempt and also cover 429), and to be able to release the connections on stop.
 */
public final class BatchClientFactory {

    private BatchClientFactory() {
    }

    /** A client the caller owns: pass it to {@link #close(BuiltClient)} when done. */
    public record BuiltClient(BatchClient client, RestClient restClient) {
    }

    public static BuiltClient create(AzureBatchConfiguration configuration) {
        String url = required(configuration.getAccountUrl(), "accountUrl");
        BatchCredentials credentials = credentials(configuration, url);
        long timeout = configuration.getTimeout();
        RestClient restClient = new RestClient.Builder()
                .withBaseUrl(url)
                .withCredentials(credentials)
                .withSerializerAdapter(new AzureJacksonAdapter())
                .withResponseBuilderFactory(new BatchResponseBuilderFactory())
                .withConnectionTimeout(timeout, TimeUnit.MILLISECONDS)
                .withReadTimeout(timeout, TimeUnit.MILLISECONDS)
                .withRetryStrategy(new NoRetry())
                .build();
        return new BuiltClient(BatchClient.open(restClient, url), restClient);
    }

    static BatchCredentials credentials(AzureBatchConfiguration configuration, String url) {
        CredentialType type = configuration.getCredentialType() == null ? CredentialType.SHARED_KEY
                : configuration.getCredentialType();
        return switch (type) {
            case SHARED_KEY -> new BatchSharedKeyCredentials(url, required(configuration.getAccountName(), "accountName"),
                    required(configuration.getAccountKey(), "accountKey"));
            case AZURE_IDENTITY, ENTRA_ID -> new EntraIdBatchCredentials(url, identity(configuration));
            case TOKEN_CREDENTIAL -> {
                if (configuration.getTokenCredential() == null) {
                    throw new IllegalArgumentException(
                            "credentialType TOKEN_CREDENTIAL needs a com.azure.core.credential.TokenCredential"
                                                       + " (tokenCredential option, or one bean in the registry)");
                }
                yield new EntraIdBatchCredentials(url, configuration.getTokenCredential());
            }
        };
    }

    /** A service principal when its three options are set, else azure-identity's default chain. */
    private static TokenCredential identity(AzureBatchConfiguration configuration) {
        boolean anySet = ObjectHelper.isNotEmpty(configuration.getTenantId())
                         || ObjectHelper.isNotEmpty(configuration.getClientId())
                         || ObjectHelper.isNotEmpty(configuration.getClientSecret());
        if (!anySet) {
            return new DefaultAzureCredentialBuilder().build();
        }
        return new ClientSecretCredentialBuilder()
                .tenantId(required(configuration.getTenantId(), "tenantId"))
                .clientId(required(configuration.getClientId(), "clientId"))
                .clientSecret(required(configuration.getClientSecret(), "clientSecret"))
                .build();
    }

    public static void close(BuiltClient built) {
        if (built != null) {
            built.restClient().close();
        }
    }

    private static String required(String value, String option) {
        if (ObjectHelper.isEmpty(value)) {
            throw new IllegalArgumentException("azure-batch needs " + option + " for its credentialType (or a batchClient)");
        }
        return value;
    }

    /** As the SDK's own: a GET answered 404 throws, so "not found" is an error code, never a null body. */
    private static final class BatchResponseBuilderFactory implements ResponseBuilder.Factory {
        private final AzureResponseBuilder.Factory base = new AzureResponseBuilder.Factory();

        @Override
        public <T, E extends RestException> ResponseBuilder<T, E> newInstance(SerializerAdapter<?> serializerAdapter) {
            return base.<T, E>newInstance(serializerAdapter).withThrowOnGet404(true);
        }
    }

    private static final class NoRetry extends RetryStrategy {
        NoRetry() {
            super("none", false);
        }

        @Override
        public boolean shouldRetry(int retryCount, Response response) {
            return false;
        }
    }
}
