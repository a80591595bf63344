package io.batchroutes.component;

import io.batchroutes.component.operations.AzureBatchOperationResponse;
import io.batchroutes.component.operations.BatchAccountOperations;
import io.batchroutes.component.operations.BatchJobOperations;
import io.batchroutes.component.operations.BatchPoolOperations;
import io.batchroutes.component.operations.BatchTaskOperations;
import io.batchroutes.component.operations.JobTargets;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Runs the operation of the exchange (header, else the endpoint's operation, else listTasks). It only dispatches:
 * the work is in the operations classes.
 */
public class AzureBatchProducer extends DefaultProducer {

    static final AzureBatchOperations DEFAULT_OPERATION = AzureBatchOperations.listTasks;

    private BatchPoolOperations pools;
    private BatchJobOperations jobs;
    private BatchTaskOperations tasks;
    private BatchAccountOperations account;
    private AzureBatchHealthCheck healthCheck;

    public AzureBatchProducer(AzureBatchEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public AzureBatchEndpoint getEndpoint() {
        return (AzureBatchEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        AzureBatchEndpoint endpoint = getEndpoint();
        pools = new BatchPoolOperations(endpoint.getOptions(), endpoint.getClientWrapper());
        JobTargets targets = new JobTargets(endpoint.getOptions(), endpoint.getJobRotation(), endpoint.getClientWrapper());
        jobs = new BatchJobOperations(endpoint.getOptions(), endpoint.getClientWrapper(), targets);
        tasks = new BatchTaskOperations(endpoint.getOptions(), endpoint.getClientWrapper(), targets,
                endpoint.getChunkSender(), endpoint.getConfiguration().getMaxRetries());
        account = new BatchAccountOperations(endpoint.getOptions(), endpoint.getClientWrapper());
        healthCheck = AzureBatchHealthCheck.register(endpoint, "azure-batch-producer-" + endpoint.getId(),
                ((AzureBatchComponent) endpoint.getComponent()).isHealthCheckProducerEnabled());
    }

    @Override
    protected void doStop() throws Exception {
        AzureBatchHealthCheck.unregister(getEndpoint(), healthCheck);
        healthCheck = null;
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        AzureBatchOperations operation = getEndpoint().getOptions().getOperation(exchange);
        if (operation == null) {
            operation = DEFAULT_OPERATION;
        }
        AzureBatchOperationResponse response = switch (operation) {
            case ensurePool -> pools.ensurePool(exchange);
            case getPool -> pools.getPool(exchange);
            case deletePool -> pools.deletePool(exchange);
            case resizePool -> pools.resizePool(exchange);
            case listNodes -> pools.listNodes(exchange);
            case getNodeFile -> pools.getNodeFile(exchange);
            case ensureJob -> jobs.ensureJob(exchange);
            case getJob -> jobs.getJob(exchange);
            case terminateJob -> jobs.terminateJob(exchange);
            case deleteJob -> jobs.deleteJob(exchange);
            case getTaskCounts -> jobs.getTaskCounts(exchange);
            case addTask -> tasks.addTask(exchange);
            case addTasks -> tasks.addTasks(exchange);
            case listTasks -> tasks.listTasks(exchange);
            case getTask -> tasks.getTask(exchange);
            case terminateTask -> tasks.terminateTask(exchange);
            case deleteTask -> tasks.deleteTask(exchange);
            case listTaskFiles -> tasks.listTaskFiles(exchange);
            case getTaskFile -> tasks.getTaskFile(exchange);
            case listSupportedImages -> account.listSupportedImages(exchange);
            case latestSupportedImage -> account.latestSupportedImage(exchange);
        };
        exchange.getMessage().setBody(response.getBody());
        exchange.getMessage().getHeaders().putAll(response.getHeaders());
        if (operation == AzureBatchOperations.addTask || operation == AzureBatchOperations.addTasks) {
            // A rotating job's consumers listen under the family's name.
            String jobId = getEndpoint().getJobRotation() != null ? getEndpoint().getConfiguration().getJobId()
                    : getEndpoint().getOptions().getJobId(exchange);
            ((AzureBatchComponent) getEndpoint().getComponent()).taskSubmissions().submitted(TaskSubmissions.key(
                    getEndpoint().getConfiguration().getAccountUrl(), jobId));
        }
    }
}
