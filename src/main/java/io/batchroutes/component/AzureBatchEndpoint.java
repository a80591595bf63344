package io.batchroutes.component;

import java.util.concurrent.ExecutorService;

import com.microsoft.azure.batch.BatchClient;
import io.batchroutes.component.client.BatchClientFactory;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchRetryPolicy;
import io.batchroutes.component.jobs.JobRotation;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.util.ObjectHelper;

/**
 * Run work on Azure Batch: ensure pools and jobs, add tasks, read task results and files, and consume the tasks of a
 * job as they complete.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "azure-batch", title = "Azure Batch", syntax = "azure-batch:jobId",
             category = { Category.CLOUD, Category.SCHEDULING }, headersClass = AzureBatchConstants.class)
public class AzureBatchEndpoint extends ScheduledPollEndpoint {

    @UriParam
    private AzureBatchConfiguration configuration;

    private AzureBatchConfigurationOptionsProxy options;
    private BatchClientWrapper clientWrapper;
    private BatchClientWrapper givenWrapper;
    private BatchClientFactory.BuiltClient builtClient;
    private ExecutorService chunkSender;

    public AzureBatchEndpoint(String uri, AzureBatchComponent component, AzureBatchConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        this.options = new AzureBatchConfigurationOptionsProxy(configuration);
    }

    @Override
    public Producer createProducer() throws Exception {
        return new AzureBatchProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (ObjectHelper.isEmpty(configuration.getJobId())) {
            throw new IllegalArgumentException("The azure-batch consumer needs a job id: azure-batch:myJob");
        }
        AzureBatchConsumer consumer = new AzureBatchConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (givenWrapper != null) {
            clientWrapper = givenWrapper;
        } else {
            BatchClient client = configuration.getBatchClient();
            if (client == null) {
                builtClient = BatchClientFactory.create(configuration);
                client = builtClient.client();
            }
            clientWrapper = new BatchClientWrapper(client, new BatchRetryPolicy(configuration.getMaxRetries(),
                    configuration.getRetryDelay(), configuration.getMaxRetryDelay(),
                    ((AzureBatchComponent) getComponent()).getCallStats()));
        }
        chunkSender = getCamelContext().getExecutorServiceManager().newFixedThreadPool(this, "AzureBatchAddTasks",
                Math.max(1, configuration.getAddTasksParallelism()));
    }

    @Override
    protected void doStop() throws Exception {
        if (chunkSender != null) {
            getCamelContext().getExecutorServiceManager().shutdown(chunkSender);
            chunkSender = null;
        }
        // An injected client belongs to whoever made it; only the client built here is closed.
        BatchClientFactory.close(builtClient);
        builtClient = null;
        clientWrapper = null;
        super.doStop();
    }

    /**
     * The endpoint's options.
     */
    public AzureBatchConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(AzureBatchConfiguration configuration) {
        this.configuration = configuration;
        this.options = new AzureBatchConfigurationOptionsProxy(configuration);
    }

    AzureBatchConfigurationOptionsProxy getOptions() {
        return options;
    }

    BatchClientWrapper getClientWrapper() {
        return clientWrapper;
    }

    /** The rotating job family the endpoint works on (tasksPerJob above 0), or null. */
    JobRotation getJobRotation() {
        if (configuration.getTasksPerJob() <= 0 || ObjectHelper.isEmpty(configuration.getJobId())) {
            return null;
        }
        return ((AzureBatchComponent) getComponent()).jobRotations().of(configuration.getAccountUrl(),
                configuration.getJobId(), configuration.getTasksPerJob());
    }

    ExecutorService getChunkSender() {
        return chunkSender;
    }

    /** Tests: use this wrapper instead of building a client. Set before the endpoint starts. */
    void useClientWrapper(BatchClientWrapper wrapper) {
        this.givenWrapper = wrapper;
    }
}
