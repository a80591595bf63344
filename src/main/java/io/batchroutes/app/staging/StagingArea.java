package io.batchroutes.app.staging;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobContainerItem;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobContainersOptions;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.azure.storage.blob.BlobConstants;

/**
 * The blob containers the pipeline stages through: inputs and the results tasks upload (names: {@link BlobLayout}),
 * in generations of containers ({@link StagingGenerations}), and the scripts nodes install. Issues the SAS URLs
 * tasks use; their signatures are secrets and are never logged.
 */
public final class StagingArea {

    private static final Duration NODE_FILE_SAS_LIFETIME = Duration.ofDays(365);
    private static final Duration SAS_MARGIN = Duration.ofMinutes(15);
    private static final int MAX_CONTAINER_NAME = 63;
    /** A generation whose files are all done closes (and is deleted) after this long without a new file. */
    static final Duration GENERATION_IDLE = Duration.ofSeconds(5);
    /** A closed generation still waiting for files after this long deletes its done files' blobs one by one. */
    static final Duration GENERATION_LINGER = Duration.ofSeconds(30);

    private final BlobServiceClient service;
    private final String inputContainer;
    private final String outputContainer;
    private final BlobContainerClient app;
    private final Duration sasLifetime;
    private final Collection<String> nodeFiles;
    private final BlobDeletions deletions;
    private final StagingGenerations generations;
    private final Supplier<Set<String>> inFlightTaskIds;

    /**
     * @param filesPerGeneration files staged per generation of containers (see {@link StagingGenerations})
     * @param inFlightTaskIds    at start: the tasks of the files in flight, whose generations are recovered
     */
    public StagingArea(BlobServiceClient service, String inputContainer, String outputContainer, String appContainer,
            Duration sasLifetime, Collection<String> nodeFiles, BlobDeletions deletions, int filesPerGeneration,
            Supplier<Set<String>> inFlightTaskIds) {
        for (String base : List.of(inputContainer, outputContainer)) {
            int room = MAX_CONTAINER_NAME - StagingGenerations.SUFFIX.length() - StagingGenerations.MAX_ID_LENGTH;
            if (base.length() > room) {
                throw new IllegalArgumentException("The staging container name '" + base + "' is too long: at most "
                        + room
                        + " characters (a generation suffix is added to it)");
            }
        }
        this.service = service;
        this.nodeFiles = List.copyOf(nodeFiles);
        this.deletions = deletions;
        this.inputContainer = inputContainer;
        this.outputContainer = outputContainer;
        this.app = service.getBlobContainerClient(appContainer);
        this.sasLifetime = sasLifetime;
        this.inFlightTaskIds = inFlightTaskIds;
        this.generations = new StagingGenerations(new GenerationStorage(), filesPerGeneration, GENERATION_IDLE,
                GENERATION_LINGER, Clock.systemUTC());
    }

    /**
     * Creates the node scripts' container if missing, uploads the files work types ship to the nodes, and recovers
     * the staging generations of the files in flight (deleting those no file needs any more).
     */
    public void prepare() {
        app.createIfNotExists();
        for (String location : nodeFiles) {
            try (InputStream content = open(location)) {
                byte[] bytes = content.readAllBytes();
                app.getBlobClient(WorkType.nodeFileName(location)).upload(new ByteArrayInputStream(bytes), bytes.length, true);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read node file " + location, e);
            }
        }
        generations.recover(inFlightTaskIds.get());
    }

    /** The generations' bookkeeping; its {@code tick} is run every second by {@link BlobDeletions}' thread. */
    public StagingGenerations generations() {
        return generations;
    }

    /** For the ingest route: the container a new file is staged in (header {@code CamelAzureStorageBlobBlobContainerName}). */
    public String inputContainerFor(@Header(AzureBatchConstants.TASK_ID) String taskId) {
        return StagingGenerations.containerName(inputContainer, generations.assign(taskId));
    }

    /** For the collect routes: the container a task's results are in (header {@code CamelAzureStorageBlobBlobContainerName}). */
    public String outputContainerOf(@Header(AzureBatchConstants.TASK_ID) String taskId) {
        return StagingGenerations.containerName(outputContainer, generations.generationOf(taskId));
    }

    /**
     * For the ingest route, before it tries an upload again: if storage said the generation's input container does
     * not exist, the file is staged in a new generation instead (header {@code CamelAzureStorageBlobBlobContainerName}).
     */
    public void beforeUploadAgain(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String container = exchange.getIn().getHeader(BlobConstants.BLOB_CONTAINER_NAME, String.class);
        String taskId = exchange.getIn().getHeader(AzureBatchConstants.TASK_ID, String.class);
        String generation = container == null ? null : StagingGenerations.generationOf(inputContainer, container);
        if (generation != null && taskId != null && containerNotFound(cause)) {
            exchange.getIn().setHeader(BlobConstants.BLOB_CONTAINER_NAME,
                    StagingGenerations.containerName(inputContainer, generations.lost(taskId, generation)));
        }
    }

    private static boolean containerNotFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BlobStorageException storage) {
                return storage.getStatusCode() == 404 && BlobErrorCode.CONTAINER_NOT_FOUND.equals(storage.getErrorCode());
            }
        }
        return false;
    }

    private BlobContainerClient inputs(String taskId) {
        return service.getBlobContainerClient(StagingGenerations.containerName(inputContainer, generations.generationOf(taskId)));
    }

    private BlobContainerClient outputs(String taskId) {
        return service.getBlobContainerClient(outputContainerOf(taskId));
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = StagingArea.class.getClassLoader().getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource);
            if (in == null) {
                throw new FileNotFoundException("No resource " + location);
            }
            return in;
        }
        return Files.newInputStream(Path.of(location));
    }

    /**
     * When the SAS URLs handed to one task expire: the time it may wait in the queue before it runs (the
     * {@code sasLifetime} given, {@code batchroutes.storage.sas-hours}) plus what its own limits let it run
     * (wall clock × attempts), plus a margin for staging and upload. A resubmitted task gets fresh ones.
     */
    public OffsetDateTime taskSasExpiry(Duration runLimit) {
        return OffsetDateTime.now().plus(sasLifetime).plus(runLimit).plus(SAS_MARGIN);
    }

    /** Read-only SAS URL of one task's staged input. */
    public String inputReadUrl(String taskId, String extension, OffsetDateTime expiry) {
        BlobClient blob = inputs(taskId).getBlobClient(BlobLayout.inputBlobName(taskId, extension));
        return blob.getBlobUrl() + "?" + blob.generateSas(new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setReadPermission(true)));
    }

    /**
     * An output destination URL allowing a task to create and write exactly one result blob and nothing else: the
     * task's results container's URL with a SAS scoped to that blob ({@code sr=b}). Batch appends the destination
     * path (the same blob name) to the container URL, so the signature covers the one upload the task is meant to make.
     */
    public String outputBlobWriteUrl(String taskId, String blobName, OffsetDateTime expiry) {
        BlobContainerClient outputs = outputs(taskId);
        BlobClient blob = outputs.getBlobClient(blobName);
        return outputs.getBlobContainerUrl() + "?" + blob.generateSas(new BlobServiceSasSignatureValues(expiry,
                new BlobSasPermission().setCreatePermission(true).setWritePermission(true)));
    }

    /**
     * Read-only SAS URL of a file shipped to the nodes. It lives as long as the pool may (nodes that join or
     * reboot months later download it again) and grants reading that one blob only.
     */
    public String nodeFileReadUrl(String name) {
        BlobClient blob = app.getBlobClient(name);
        return blob.getBlobUrl() + "?" + blob.generateSas(new BlobServiceSasSignatureValues(
                OffsetDateTime.now().plus(NODE_FILE_SAS_LIFETIME), new BlobSasPermission().setReadPermission(true)));
    }

    /**
     * SAS URL of a task's results container allowing it to create and write blobs, nothing else; only for wildcard
     * outputs, whose blob names are not known in advance (a service SAS cannot be scoped to a name prefix).
     */
    public String outputContainerWriteUrl(String taskId, OffsetDateTime expiry) {
        BlobContainerClient outputs = outputs(taskId);
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry,
                new BlobContainerSasPermission().setCreatePermission(true).setWritePermission(true));
        return outputs.getBlobContainerUrl() + "?" + outputs.generateSas(values);
    }

    /** The blobs a task uploaded as results (a listing: only for wildcard outputs, see {@link ResultPlan}). */
    public List<String> resultBlobs(String taskId) {
        return listResults(outputs(taskId), taskId);
    }

    private static List<String> listResults(BlobContainerClient outputs, String taskId) {
        try {
            return outputs.listBlobs(new ListBlobsOptions().setPrefix(BlobLayout.resultPrefix(taskId)), null).stream()
                    .map(BlobItem::getName).toList();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    /**
     * What a task staged is no longer needed: the file's outcome is decided. Its blobs go with its generation's
     * containers (or are queued for {@link BlobDeletions}, see {@link StagingGenerations}).
     */
    public void deleteStaged(String taskId, String extension) {
        generations.settled(taskId, extension, null);
    }

    /** As {@link #deleteStaged(String, String)}, with the task's result blobs already known. */
    public void deleteStaged(String taskId, String extension, List<String> resultBlobs) {
        generations.settled(taskId, extension, resultBlobs);
    }

    /** A file whose staging or claim failed: it holds no place in its generation any more. */
    public void notStaged(String taskId) {
        if (taskId != null) {
            generations.notStaged(taskId);
        }
    }

    /** The generations' storage side: their containers, and blob-by-blob deletion through {@link BlobDeletions}. */
    private final class GenerationStorage implements StagingGenerations.Storage {

        @Override
        public void create(String generation) {
            for (String base : List.of(inputContainer, outputContainer)) {
                service.getBlobContainerClient(StagingGenerations.containerName(base, generation)).createIfNotExists();
            }
        }

        @Override
        public void delete(String generation) {
            for (String base : List.of(inputContainer, outputContainer)) {
                service.getBlobContainerClient(StagingGenerations.containerName(base, generation)).deleteIfExists();
            }
        }

        @Override
        public void deleteBlobs(String generation, String taskId, String extension, List<String> resultBlobs) {
            String inputs = StagingGenerations.containerName(inputContainer, generation);
            BlobContainerClient outputs = service.getBlobContainerClient(
                    StagingGenerations.containerName(outputContainer, generation));
            deletions.delete(inputs, BlobLayout.inputBlobName(taskId, extension));
            (resultBlobs != null ? resultBlobs : listResults(outputs, taskId))
                    .forEach(name -> deletions.delete(outputs.getBlobContainerName(), name));
        }

        @Override
        public Map<String, Set<String>> list() {
            Map<String, Set<String>> found = new HashMap<>();
            for (BlobContainerItem item : service.listBlobContainers(
                    new ListBlobContainersOptions().setPrefix(inputContainer + StagingGenerations.SUFFIX), null)) {
                String generation = StagingGenerations.generationOf(inputContainer, item.getName());
                if (generation != null) {
                    found.put(generation, taskIds(service.getBlobContainerClient(item.getName())));
                }
            }
            // A results container whose input container is gone (a crash between the two deletions).
            for (BlobContainerItem item : service.listBlobContainers(
                    new ListBlobContainersOptions().setPrefix(outputContainer + StagingGenerations.SUFFIX), null)) {
                String generation = StagingGenerations.generationOf(outputContainer, item.getName());
                if (generation != null) {
                    found.putIfAbsent(generation, Set.of());
                }
            }
            return found;
        }

        @Override
        public Set<String> listLegacy() {
            try {
                return taskIds(service.getBlobContainerClient(inputContainer));
            } catch (BlobStorageException e) {
                if (e.getStatusCode() == 404) {
                    return Set.of();
                }
                throw e;
            }
        }

        /** The task ids a container holds inputs of: its blobs' first path segment (names are data, only compared). */
        private Set<String> taskIds(BlobContainerClient container) {
            Set<String> ids = new HashSet<>();
            for (BlobItem blob : container.listBlobs()) {
                int slash = blob.getName().indexOf('/');
                if (slash > 0) {
                    ids.add(blob.getName().substring(0, slash));
                }
            }
            return ids;
        }
    }
}
