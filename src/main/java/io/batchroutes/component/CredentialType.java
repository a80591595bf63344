package io.batchroutes.component;

/**
 * How the component authenticates to the Batch account when it builds the client itself.
 */
public enum CredentialType {

    /** Shared Key: accountName + accountKey sign every request. */
    SHARED_KEY,
    /**
     * Microsoft Entra ID through azure-identity: a service principal when tenantId, clientId and clientSecret are set,
     * else DefaultAzureCredential (environment, workload identity, managed identity, Azure CLI...).
     */
    AZURE_IDENTITY,
    /** Microsoft Entra ID with the com.azure.core.credential.TokenCredential of the tokenCredential option (autowired). */
    TOKEN_CREDENTIAL,
    /** The former name of AZURE_IDENTITY, kept for configurations that name it. */
    @Deprecated
    ENTRA_ID
}
