package io.batchroutes.component;

import com.azure.core.credential.TokenCredential;
import com.microsoft.azure.batch.BatchClient;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of an {@code azure-batch} endpoint that say which Batch account it talks to and how: the account,
 * the credentials (or a ready client) and the retry policy and timeout of its calls. Part of
 * {@link AzureBatchConfiguration}.
 */
@UriParams
public class AzureBatchAccountConfiguration {

    @UriParam(label = "common")
    private String accountUrl;
    @UriParam(label = "common")
    private String accountName;
    @UriParam(label = "security", secret = true)
    private String accountKey;
    @UriParam(label = "security", defaultValue = "SHARED_KEY")
    private CredentialType credentialType = CredentialType.SHARED_KEY;
    @UriParam(label = "security")
    private String tenantId;
    @UriParam(label = "security")
    private String clientId;
    @UriParam(label = "security", secret = true)
    private String clientSecret;
    @UriParam(label = "security")
    @Metadata(autowired = true)
    private TokenCredential tokenCredential;
    @UriParam(label = "common")
    @Metadata(autowired = true)
    private BatchClient batchClient;
    @UriParam(label = "advanced", defaultValue = "3")
    private int maxRetries = 3;
    @UriParam(label = "advanced", defaultValue = "1000")
    private long retryDelay = 1000;
    @UriParam(label = "advanced", defaultValue = "30000")
    private long maxRetryDelay = 30000;
    @UriParam(label = "advanced", defaultValue = "60000")
    private long timeout = 60000;

    /**
     * The Batch account URL, e.g. https://myaccount.westeurope.batch.azure.com, or the local emulator's
     * http://127.0.0.1:PORT. Required unless a batchClient is given.
     */
    public String getAccountUrl() {
        return accountUrl;
    }

    public void setAccountUrl(String accountUrl) {
        this.accountUrl = accountUrl;
    }

    /**
     * The Batch account name used to sign requests with Shared Key. Required unless a batchClient is given.
     */
    public String getAccountName() {
        return accountName;
    }

    public void setAccountName(String accountName) {
        this.accountName = accountName;
    }

    /**
     * The Batch account key (base64) used to sign requests with Shared Key. Required unless a batchClient is given.
     */
    public String getAccountKey() {
        return accountKey;
    }

    public void setAccountKey(String accountKey) {
        this.accountKey = accountKey;
    }

    /**
     * How the component authenticates when it builds the client: SHARED_KEY (accountName + accountKey),
     * AZURE_IDENTITY (Microsoft Entra ID: a service principal from tenantId + clientId + clientSecret, else
     * DefaultAzureCredential) or TOKEN_CREDENTIAL (the tokenCredential bean). ENTRA_ID is the former name of
     * AZURE_IDENTITY.
     */
    public CredentialType getCredentialType() {
        return credentialType;
    }

    public void setCredentialType(CredentialType credentialType) {
        this.credentialType = credentialType;
    }

    /**
     * The Microsoft Entra ID tenant (directory) id of the service principal of credentialType=AZURE_IDENTITY.
     */
    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    /**
     * The application (client) id of the service principal of credentialType=AZURE_IDENTITY.
     */
    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /**
     * The client secret of the service principal of credentialType=AZURE_IDENTITY.
     */
    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    /**
     * The com.azure.core.credential.TokenCredential of credentialType=TOKEN_CREDENTIAL (autowired when exactly one is
     * in the registry); it is asked for tokens of the scope https://batch.core.windows.net/.default.
     */
    public TokenCredential getTokenCredential() {
        return tokenCredential;
    }

    public void setTokenCredential(TokenCredential tokenCredential) {
        this.tokenCredential = tokenCredential;
    }

    /**
     * A ready Batch client (com.microsoft.azure.batch.BatchClient). When given it wins over accountUrl/accountName/
     * accountKey, and the component never closes it.
     */
    public BatchClient getBatchClient() {
        return batchClient;
    }

    public void setBatchClient(BatchClient batchClient) {
        this.batchClient = batchClient;
    }

    /**
     * How many times a call is retried after HTTP 408, 429, 500, 502, 503, 504 or an I/O error (0 disables retries).
     * Use one layer: keep it for calls nothing else retries; set 0 where a route's redelivery retries the call, or the
     * two multiply.
     */
    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /**
     * The first retry delay in milliseconds; it doubles on every retry, with jitter, up to maxRetryDelay. A
     * Retry-After header from the service wins.
     */
    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    /**
     * The longest delay in milliseconds between two retries.
     */
    public long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    /**
     * The connect, read and write timeout in milliseconds of every HTTP call of a client the component builds.
     */
    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }
}
