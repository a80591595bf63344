package io.batchroutes.component.client;

import java.io.IOException;
import java.time.OffsetDateTime;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.microsoft.azure.batch.auth.BatchCredentials;
import com.microsoft.rest.credentials.TokenCredentials;
import okhttp3.Request;

/**
 * Lets the legacy Batch SDK authenticate with any azure-core {@link TokenCredential} (azure-identity's
 * ClientSecretCredential, DefaultAzureCredential, a managed identity...): every request gets
 * {@code Authorization: Bearer <token>} for the Batch scope. A token is reused until two minutes before it expires.
 * Tokens are never logged.
 */
public final class EntraIdBatchCredentials extends TokenCredentials implements BatchCredentials {

    /** The Entra ID scope of the Azure Batch data plane. */
    public static final String BATCH_SCOPE = "https://batch.core.windows.net/.default";

    private static final long REFRESH_BEFORE_EXPIRY_SECONDS = 120;

    private final String baseUrl;
    private final TokenCredential credential;
    private final TokenRequestContext request = new TokenRequestContext().addScopes(BATCH_SCOPE);
    private AccessToken cached;

    public EntraIdBatchCredentials(String baseUrl, TokenCredential credential) {
        super("Bearer", null);
        this.baseUrl = baseUrl;
        this.credential = credential;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    @Override
    protected synchronized String getToken(Request ignored) throws IOException {
        if (cached == null
                || cached.getExpiresAt() == null
                || cached.getExpiresAt().isBefore(OffsetDateTime.now().plusSeconds(REFRESH_BEFORE_EXPIRY_SECONDS))) {
            AccessToken token;
            try {
                token = credential.getTokenSync(request);
            } catch (RuntimeException e) {
                throw new IOException("Could not get a Microsoft Entra ID token for Azure Batch: " + e.getMessage(), e);
            }
            if (token == null || token.getToken() == null) {
                throw new IOException("The TokenCredential returned no token for " + BATCH_SCOPE);
            }
            cached = token;
        }
        return cached.getToken();
    }
}
