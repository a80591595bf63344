package io.batchroutes.component;

import java.util.Map;

import io.batchroutes.component.client.BatchCallStats;
import io.batchroutes.component.jobs.JobRotations;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.ObjectHelper;

/**
 * The {@code azure-batch} component: Azure Batch pools, jobs, tasks and files through the Azure Batch Java SDK.
 */
@Component("azure-batch")
public class AzureBatchComponent extends HealthCheckComponent {

    @Metadata(label = "advanced")
    private AzureBatchConfiguration configuration = new AzureBatchConfiguration();
    private final BatchCallStats callStats = new BatchCallStats();
    private final TaskSubmissions taskSubmissions = new TaskSubmissions();
    private final JobRotations jobRotations = new JobRotations();

    public AzureBatchComponent() {
    }

    public AzureBatchComponent(CamelContext context) {
        super(context);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AzureBatchConfiguration endpointConfiguration
                = configuration != null ? configuration.copy() : new AzureBatchConfiguration();
        if (ObjectHelper.isNotEmpty(remaining)) {
            endpointConfiguration.setJobId(remaining);
        }
        AzureBatchEndpoint endpoint = new AzureBatchEndpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        validate(endpointConfiguration);
        return endpoint;
    }

    private static void validate(AzureBatchConfiguration configuration) {
        if (configuration.getBatchClient() != null) {
            return;
        }
        boolean sharedKey = configuration.getCredentialType() == null
                            || configuration.getCredentialType() == CredentialType.SHARED_KEY;
        if (ObjectHelper.isEmpty(configuration.getAccountUrl()) || sharedKey
                && (ObjectHelper.isEmpty(configuration.getAccountName()) || ObjectHelper.isEmpty(configuration.getAccountKey()))) {
            throw new IllegalArgumentException(
                    "azure-batch needs a batchClient, or accountUrl, accountName and accountKey (credentialType"
                                               + " SHARED_KEY), or accountUrl with credentialType AZURE_IDENTITY or"
                                               + " TOKEN_CREDENTIAL (Microsoft Entra ID)");
        }
    }

    /** Calls, retries and throttled answers of every endpoint of this component, for metrics. */
    public BatchCallStats getCallStats() {
        return callStats;
    }

    /** The same figures as {@link #getCallStats()}, for applications (they need not know the client package). */
    public AzureBatchCallCounts callCounts() {
        return callStats;
    }

    /** Producers announce the tasks they added here; consumers of the same job listen. */
    TaskSubmissions taskSubmissions() {
        return taskSubmissions;
    }

    /** The rotating jobs (tasksPerJob) of this component's endpoints. */
    JobRotations jobRotations() {
        return jobRotations;
    }

    /**
     * The options every azure-batch endpoint starts from; each endpoint gets its own copy.
     */
    public AzureBatchConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AzureBatchConfiguration configuration) {
        this.configuration = configuration;
    }
}
