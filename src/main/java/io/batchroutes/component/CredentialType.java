package io.batchroutes.component;

/**
 * How the component authenticates to the Batch account when it builds the client itself.
 */
public enum CredentialType {

    /** Shared Key: accountName + accountKey sign every request. */
    SHARED_KEY,
    /** Microsoft Entra ID (service principal / managed identity); not built yet: the endpoint refuses to start. */
    ENTRA_ID
}
