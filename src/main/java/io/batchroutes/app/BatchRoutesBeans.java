package io.batchroutes.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.apache.camel.component.seda.SedaEndpoint;
import io.batchroutes.app.batch.CollectionRescan;
import io.batchroutes.app.batch.InFlightResubmission;
import io.batchroutes.app.batch.PendingTasks;
import io.batchroutes.app.batch.BundleArchives;
import io.batchroutes.app.batch.BundleCollection;
import io.batchroutes.app.batch.BundleManifests;
import io.batchroutes.app.batch.PoolSettings;
import io.batchroutes.app.batch.TaskBundler;
import io.batchroutes.app.batch.PoolSpecFactory;
import io.batchroutes.app.batch.ProvisioningRetries;
import io.batchroutes.app.batch.SubmissionBatches;
import io.batchroutes.app.batch.TaskDefinitionFactory;
import io.batchroutes.app.batch.TaskIdentity;
import io.batchroutes.app.folder.IngestLimit;
import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.folder.RepeatedDrops;
import io.batchroutes.app.folder.SupportedFileFilter;
import io.batchroutes.app.observe.PipelineMetrics;
import io.batchroutes.app.observe.ProgressReport;
import io.batchroutes.app.outcome.FileOutcomes;
import io.batchroutes.app.outcome.IngestFailures;
import io.batchroutes.app.outcome.BundledFiles;
import io.batchroutes.app.outcome.SubmissionFailures;
import io.batchroutes.app.pool.PoolHealth;
import io.batchroutes.app.pool.PoolHealthCheck;
import io.batchroutes.app.pool.PoolLifecycle;
import io.batchroutes.app.staging.BlobDeletions;
import io.batchroutes.app.staging.BlobLayout;
import io.batchroutes.app.staging.ResultPlan;
import io.batchroutes.app.staging.StagingArea;
import io.batchroutes.app.staging.StorageHealthCheck;
import io.batchroutes.app.status.StatusPage;
import io.batchroutes.app.worktype.WorkTypes;
import io.batchroutes.component.AzureBatchComponent;
import io.micrometer.core.instrument.MeterRegistry;

/** The daemon's beans, built from configuration; the YAML routes refer to them by name. */
public class BatchRoutesBeans implements CamelConfiguration {

    @PropertyInject("batchroutes.input-dir")
    private String inputDir;
    @PropertyInject(value = "batchroutes.ingest.max-in-flight", defaultValue = "0")
    private long maxInFlight;
    @PropertyInject("batchroutes.storage.connection-string")
    private String storageConnectionString;
    @PropertyInject(value = "batchroutes.storage.try-timeout-seconds", defaultValue = "30")
    private int storageTryTimeoutSeconds;
    @PropertyInject(value = "batchroutes.storage.files-per-container", defaultValue = "250")
    private int filesPerContainer;
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
    @PropertyInject(value = "batchroutes.batch.autoscale-formula", defaultValue = "")
    private String autoScaleFormula;
    @PropertyInject(value = "batchroutes.batch.autoscale-interval", defaultValue = "PT5M")
    private String autoScaleInterval;
    @PropertyInject(value = "batchroutes.batch.unusable-pool-timeout", defaultValue = "PT15M")
    private String unusablePoolTimeout;
    @PropertyInject(value = "batchroutes.pool.idle-scale-down", defaultValue = "")
    private String idleScaleDown;
    @PropertyInject(value = "batchroutes.pool.max-lifetime", defaultValue = "")
    private String maxPoolLifetime;
    @PropertyInject(value = "batchroutes.submit.flush-millis", defaultValue = "100")
    private long submitFlushMillis;

    /**
     * Builds the object graph once and binds it; the routes refer to these names. (Camel may instantiate a
     * configuration class more than once; building everything in one pass keeps each graph consistent.)
     */
    @Override
    public void configure(CamelContext context) {
        Registry registry = context.getRegistry();
        WorkTypes workTypes = WorkTypes.fromProperties(key -> context.getPropertiesComponent().resolveProperty(key));
        PoolSettings pool = poolSettings();
        BlobServiceClient storage = blobServiceClient();
        BlobDeletions deletions = new BlobDeletions(storage);
        addService(context, deletions);
        InputFolder inputFolder = new InputFolder(Path.of(inputDir).toAbsolutePath());
        StagingArea staging = new StagingArea(storage, inputContainer, outputContainer, appContainer,
                Duration.ofHours(sasHours), workTypes.nodeFiles(), deletions, filesPerContainer,
                () -> inFlightTaskIds(inputFolder));
        deletions.alsoEverySecond(staging.generations()::tick);
        PipelineMetrics metrics = new PipelineMetrics(registry.findSingleByType(MeterRegistry.class), () -> submitQueueDepth(context));
        metrics.bindBatchCalls(context.getComponent("azure-batch", AzureBatchComponent.class).callCounts());
        PoolHealth poolHealth = new PoolHealth(metrics::succeededTotal,
                optionalDuration(unusablePoolTimeout, "batchroutes.batch.unusable-pool-timeout"), Clock.systemUTC());
        FileOutcomes outcomes = new FileOutcomes(inputFolder, staging, workTypes, poolHealth, metrics);

        registry.bind("workTypes", workTypes);
        registry.bind("blobServiceClient", storage);
        registry.bind("staging", staging);
        registry.bind("stagingRedelivery", (org.apache.camel.Processor) staging::beforeUploadAgain);
        registry.bind("blobLayout", new BlobLayout());
        registry.bind("resultPlan", new ResultPlan(workTypes, staging));
        TaskDefinitionFactory taskFactory = new TaskDefinitionFactory(workTypes, staging);
        registry.bind("taskFactory", taskFactory);
        BundleManifests bundles = new BundleManifests(inputFolder);
        PendingTasks pendingTasks = new PendingTasks(inputFolder);
        registry.bind("resubmission", new InFlightResubmission(inputFolder, taskFactory, bundles, pendingTasks, metrics));
        registry.bind("taskBundler", new TaskBundler(workTypes, taskFactory, bundles, pool.slots(),
                metrics::inFlightCount));
        BundleArchives archives = new BundleArchives(bundles, workTypes, staging);
        registry.bind("bundleArchives", archives);
        registry.bind("bundleCollection", new BundleCollection(bundles, pendingTasks, taskFactory, archives));
        registry.bind("poolLifecycle", new PoolLifecycle(poolId, metrics, optionalDuration(idleScaleDown,
                "batchroutes.pool.idle-scale-down"), optionalDuration(maxPoolLifetime, "batchroutes.pool.max-lifetime"),
                !autoScaleFormula.isBlank(), Clock.systemUTC()));
        registry.bind("poolSpec", new PoolSpecFactory(pool, workTypes, staging));
        registry.bind("inputFolder", inputFolder);
        registry.bind("pendingTasks", pendingTasks);
        registry.bind("poolHealth", poolHealth);
        registry.bind("pipelineMetrics", metrics);
        registry.bind("fileOutcomes", outcomes);
        registry.bind("collectionRescan", new CollectionRescan());
        registry.bind("submissionFailures", new SubmissionFailures(outcomes, bundledFiles(bundles)));
        registry.bind("ingestFailures", new IngestFailures(inputFolder, outcomes));
        registry.bind("repeatedDrops", new RepeatedDrops(inputFolder));
        registry.bind("supportedFiles", new SupportedFileFilter(workTypes));
        // The file consumer's files in progress (each removed when its exchange completes, so bounded by the files
        // being handed out). Camel's default is an LRU cache of 50,000 that keeps a queue of every change and, once
        // ~100,000 files went through, compacts that queue on each new file: the ingest thread then spent ~20 ms
        // per file on it (docs/performance.md, "Bundle archives").
        registry.bind("inProgressFiles", MemoryIdempotentRepository.memoryIdempotentRepository(new ConcurrentHashMap<>()));
        registry.bind("ingestLimit", new IngestLimit(metrics::inFlightCount,
                maxInFlight > 0 ? maxInFlight : IngestLimit.automatic(pool.slots(), workTypes.largestBundle()),
                workTypes.largestBundle()));
        registry.bind("taskIdentity", new TaskIdentity());
        registry.bind("groupedBodies", new GroupedBodyAggregationStrategy());
        registry.bind("submissionBatches", new SubmissionBatches(Duration.ofMillis(submitFlushMillis)));
        registry.bind("startup", new StartupLatch());
        registry.bind("provisioningRetries", new ProvisioningRetries());
        registry.bind("progress", new ProgressReport(jobId, metrics));
        registry.bind("storageHealthCheck", new StorageHealthCheck(storage));
        registry.bind("poolHealthCheck", new PoolHealthCheck(poolHealth));
        StatusPage.install(context, name -> workTypes.forFile(name).map(type -> type.name()).orElse(null), inputFolder::reasonFile);
    }

    /** The task ids of the files in {@code processing/} (at start: whose staging generations are recovered). */
    private static Set<String> inFlightTaskIds(InputFolder inputs) {
        try {
            Set<String> ids = new HashSet<>();
            for (Path file : inputs.inFlight()) {
                ids.add(TaskIdentity.taskId(file.getFileName().toString(), Files.size(file),
                        Files.getLastModifiedTime(file).toMillis()));
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the files in flight", e);
        }
    }

    /** Started with the context and stopped with it (after the routes: what is queued is still deleted). */
    private static void addService(CamelContext context, Object service) {
        try {
            context.addService(service, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start " + service.getClass().getSimpleName(), e);
        }
    }

    private BlobServiceClient blobServiceClient() {
        if (storageConnectionString == null || storageConnectionString.isBlank()) {
            throw new IllegalStateException("batchroutes.storage.connection-string is not set (the local profile sets it; "
                    + "for real Azure give the storage account's connection string)");
        }
        // One try per call: the routes' redelivery (batchroutes.ingest.retries / collect.retries) is the only retry
        // layer. With the SDK's own 4 tries inside each of the routes' 11 attempts a failing upload took 9-10 min.
        RequestRetryOptions oneTry = new RequestRetryOptions(RetryPolicyType.FIXED, 1, storageTryTimeoutSeconds, null, null, null);
        return new BlobServiceClientBuilder().connectionString(storageConnectionString).retryOptions(oneTry).buildClient();
    }

    /** The manifests, as the outcome package sees them (it does not depend on batch). */
    private static BundledFiles bundledFiles(BundleManifests manifests) {
        return new BundledFiles() {
            @Override
            public Map<String, String> filesOf(String taskId) throws IOException {
                Map<String, String> files = new LinkedHashMap<>();
                manifests.read(taskId).ifPresent(m -> m.members().forEach(f -> files.put(f.fileName(), f.taskId())));
                return files;
            }

            @Override
            public void forget(String bundleId) throws IOException {
                manifests.delete(bundleId);
            }
        };
    }

    private PoolSettings poolSettings() {
        int slots = taskSlotsPerNode > 0 ? taskSlotsPerNode : Runtime.getRuntime().availableProcessors();
        return new PoolSettings(poolId, vmSize, dedicatedNodes, spotNodes, slots,
                PoolSpecFactory.Requirements.valueOf(requirements.trim().toUpperCase(Locale.ROOT)),
                Arrays.stream(packages.split("[,\\s]+")).filter(s -> !s.isBlank()).toList(),
                autoScaleFormula.strip(), optionalDuration(autoScaleInterval, "batchroutes.batch.autoscale-interval"));
    }

    /** A blank value is "not set"; anything else must be an ISO-8601 duration such as PT15M. */
    private static Duration optionalDuration(String value, String property) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(property + " must be an ISO-8601 duration such as PT15M, not '"
                    + value + "'");
        }
    }

    private static int submitQueueDepth(CamelContext context) {
        return context.hasEndpoint("seda:submit") instanceof SedaEndpoint seda ? seda.getCurrentQueueSize() : 0;
    }
}
