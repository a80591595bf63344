package io.batchroutes.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.seda.SedaEndpoint;
import io.micrometer.core.instrument.MeterRegistry;

/** The daemon's beans, built from configuration; the YAML routes refer to them by name. */
public class BatchRoutesBeans implements CamelConfiguration {

    @PropertyInject("batchroutes.input-dir")
    private String inputDir;
    @PropertyInject("batchroutes.output-dir")
    private String outputDir;
    @PropertyInject("batchroutes.storage.connection-string")
    private String storageConnectionString;
    @PropertyInject("batchroutes.storage.input-container")
    private String inputContainer;
    @PropertyInject("batchroutes.storage.output-container")
    private String outputContainer;
    @PropertyInject("batchroutes.storage.app-container")
    private String appContainer;
    @PropertyInject("batchroutes.storage.sas-hours")
    private int sasHours;
    @PropertyInject("batchroutes.batch.job-id")
    private String jobId;
    @PropertyInject("batchroutes.batch.pool-id")
    private String poolId;
    @PropertyInject("batchroutes.batch.vm-size")
    private String vmSize;
    @PropertyInject("batchroutes.batch.dedicated-nodes")
    private int dedicatedNodes;
    @PropertyInject("batchroutes.batch.spot-nodes")
    private int spotNodes;
    @PropertyInject("batchroutes.batch.task-slots-per-node")
    private int taskSlotsPerNode;
    @PropertyInject(value = "batchroutes.batch.start-task.requirements", defaultValue = "check")
    private String requirements;
    @PropertyInject(value = "batchroutes.batch.start-task.packages", defaultValue = "")
    private String packages;

    private WorkTypes workTypes;
    private StagingArea staging;
    private InputFolder inputFolder;
    private PoolHealth poolHealth;
    private ResultCollector resultCollector;
    private PipelineMetrics pipelineMetrics;
    private BlobServiceClient blobServiceClient;

    @Override
    public void configure(CamelContext camelContext) {
        // beans only
    }

    @BindToRegistry("workTypes")
    public WorkTypes workTypes(CamelContext camelContext) {
        if (workTypes == null) {
            workTypes = WorkTypes.fromProperties(key -> camelContext.getPropertiesComponent().resolveProperty(key));
        }
        return workTypes;
    }

    @BindToRegistry("blobServiceClient")
    public BlobServiceClient blobServiceClient() {
        if (blobServiceClient != null) {
            return blobServiceClient;
        }
        if (storageConnectionString == null || storageConnectionString.isBlank()) {
            throw new IllegalStateException("batchroutes.storage.connection-string is not set (the local profile sets it; "
                    + "for real Azure give the storage account's connection string)");
        }
        blobServiceClient = new BlobServiceClientBuilder().connectionString(storageConnectionString).buildClient();
        return blobServiceClient;
    }

    @BindToRegistry("staging")
    public StagingArea staging(CamelContext camelContext) {
        if (staging == null) {
            staging = new StagingArea(blobServiceClient(), inputContainer, outputContainer, appContainer,
                    Duration.ofHours(sasHours), workTypes(camelContext).nodeFiles());
        }
        return staging;
    }

    @BindToRegistry("taskFactory")
    public TaskDefinitionFactory taskFactory(CamelContext camelContext) {
        return new TaskDefinitionFactory(workTypes(camelContext), staging(camelContext));
    }

    @BindToRegistry("poolSpec")
    public PoolSpecFactory poolSpec(CamelContext camelContext) {
        int slots = taskSlotsPerNode > 0 ? taskSlotsPerNode : Runtime.getRuntime().availableProcessors();
        PoolSettings settings = new PoolSettings(poolId, vmSize, dedicatedNodes, spotNodes, slots,
                PoolSpecFactory.Requirements.valueOf(requirements.trim().toUpperCase(Locale.ROOT)),
                Arrays.stream(packages.split("[,\\s]+")).filter(s -> !s.isBlank()).toList());
        return new PoolSpecFactory(settings, workTypes(camelContext), staging(camelContext));
    }

    @BindToRegistry("inputFolder")
    public InputFolder inputFolder() {
        if (inputFolder == null) {
            inputFolder = new InputFolder(Path.of(inputDir).toAbsolutePath());
        }
        return inputFolder;
    }

    @BindToRegistry("resultCollector")
    public ResultCollector resultCollector(CamelContext camelContext) {
        if (resultCollector != null) {
            return resultCollector;
        }
        return resultCollector = new ResultCollector(workTypes(camelContext), staging(camelContext), inputFolder(),
                Path.of(outputDir).toAbsolutePath(), poolHealth(), pipelineMetrics(camelContext));
    }

    @BindToRegistry("poolHealth")
    public PoolHealth poolHealth() {
        if (poolHealth == null) {
            poolHealth = new PoolHealth();
        }
        return poolHealth;
    }

    @BindToRegistry("submissionFailures")
    public SubmissionFailures submissionFailures(CamelContext camelContext) {
        return new SubmissionFailures(resultCollector(camelContext));
    }

    @BindToRegistry("groupedBodies")
    public AggregationStrategy groupedBodies() {
        return new GroupedBodyAggregationStrategy();
    }

    @BindToRegistry("pipelineMetrics")
    public PipelineMetrics pipelineMetrics(CamelContext camelContext) {
        if (pipelineMetrics == null) {
            MeterRegistry registry = camelContext.getRegistry().findSingleByType(MeterRegistry.class);
            pipelineMetrics = new PipelineMetrics(registry, () -> {
                SedaEndpoint submit = camelContext.hasEndpoint("seda:submit") instanceof SedaEndpoint seda ? seda : null;
                return submit == null ? 0 : submit.getCurrentQueueSize();
            });
        }
        return pipelineMetrics;
    }

    @BindToRegistry("storageHealthCheck")
    public StorageHealthCheck storageHealthCheck() {
        return new StorageHealthCheck(blobServiceClient());
    }

    @BindToRegistry("poolHealthCheck")
    public PoolHealthCheck poolHealthCheck() {
        return new PoolHealthCheck(poolHealth());
    }

    @BindToRegistry("provisioning")
    public Provisioning provisioning() {
        return new Provisioning();
    }

    @BindToRegistry("progress")
    public ProgressReport progress(CamelContext camelContext) {
        return new ProgressReport(jobId, pipelineMetrics(camelContext));
    }

    @BindToRegistry("repeatedDrops")
    public RepeatedDrops repeatedDrops() {
        return new RepeatedDrops(inputFolder());
    }

    @BindToRegistry("ingestFailures")
    public IngestFailures ingestFailures(CamelContext camelContext) {
        return new IngestFailures(inputFolder(), pipelineMetrics(camelContext));
    }

    @BindToRegistry("supportedFiles")
    public SupportedFileFilter supportedFiles(CamelContext camelContext) {
        return new SupportedFileFilter(workTypes(camelContext));
    }

    @BindToRegistry("taskIds")
    public TaskIds taskIds() {
        return new TaskIds();
    }

}
