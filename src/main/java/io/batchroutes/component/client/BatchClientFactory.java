package io.batchroutes.component.client;

import java.util.concurrent.TimeUnit;

import com.microsoft.azure.AzureResponseBuilder;
import com.microsoft.azure.batch.BatchClient;
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
        if (configuration.getCredentialType() == CredentialType.ENTRA_ID) {
            throw new IllegalArgumentException("credentialType ENTRA_ID is not supported yet; use SHARED_KEY or give a batchClient");
        }
        String url = required(configuration.getAccountUrl(), "accountUrl");
        String name = required(configuration.getAccountName(), "accountName");
        String key = required(configuration.getAccountKey(), "accountKey");
        BatchSharedKeyCredentials credentials = new BatchSharedKeyCredentials(url, name, key);
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

    public static void close(BuiltClient built) {
        if (built != null) {
            built.restClient().close();
        }
    }

    private static String required(String value, String option) {
        if (ObjectHelper.isEmpty(value)) {
            throw new IllegalArgumentException("azure-batch needs " + option + " (or a batchClient)");
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
