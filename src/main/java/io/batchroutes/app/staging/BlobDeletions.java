package io.batchroutes.app.staging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.azure.core.http.rest.Response;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.batch.BlobBatchClient;
import com.azure.storage.blob.batch.BlobBatchClientBuilder;
import com.azure.storage.blob.batch.BlobBatchStorageException;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the staged blobs of collected files off the collecting threads, up to 256 in one Blob Batch request (the
 * service's limit per batch) instead of one request per blob: with two blobs per file that was a third of the
 * storage requests a file costs. Deletions wait at most {@link #FLUSH_MILLIS}; stopping flushes what is queued. A
 * blob already gone counts as deleted. Should the service refuse batches, blobs are deleted one by one.
 * <p>
 * Nothing depends on the deletion for correctness: a file's outcome is decided before (its file left
 * {@code processing/}), so a crash loses at most the queue of one flush, as orphans in the staging containers.
 */
public final class BlobDeletions extends ServiceSupport {

    static final int MAX_PER_BATCH = 256;
    static final long FLUSH_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(BlobDeletions.class);

    private final BlobServiceClient service;
    private final BlobBatchClient batches;
    private final ConcurrentLinkedQueue<Staged> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final List<Runnable> everySecond = new ArrayList<>();
    private ScheduledExecutorService flusher;
    private volatile boolean batchesRefused;

    public BlobDeletions(BlobServiceClient service) {
        this.service = service;
        this.batches = new BlobBatchClientBuilder(service).buildClient();
    }

    private record Staged(String container, String blobName) {
    }

    /** Also runs {@code task} every second on the deletion thread (from start to stop); call before start. */
    public void alsoEverySecond(Runnable task) {
        everySecond.add(task);
    }

    /** Queues a blob for deletion. */
    public void delete(String container, String blobName) {
        queue.add(new Staged(container, blobName));
        if (queued.incrementAndGet() >= MAX_PER_BATCH && flusher != null) {
            flusher.execute(this::flush);
        }
    }

    @Override
    protected void doStart() {
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "BlobDeletions");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        for (Runnable task : everySecond) {
            flusher.scheduleWithFixedDelay(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) { // a failed run must not end the schedule
                    LOG.warn("Staging housekeeping failed: {}", e.getMessage());
                }
            }, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        if (flusher != null) {
            flusher.shutdown();
            flusher.awaitTermination(30, TimeUnit.SECONDS);
            flusher = null;
        }
        flush();
    }

    /** Deletes everything queued so far, in batches; never throws (a failure is logged, its blobs stay). */
    synchronized void flush() {
        while (true) {
            List<Staged> blobs = new ArrayList<>(MAX_PER_BATCH);
            for (Staged blob; blobs.size() < MAX_PER_BATCH && (blob = queue.poll()) != null; ) {
                blobs.add(blob);
            }
            if (blobs.isEmpty()) {
                return;
            }
            queued.addAndGet(-blobs.size());
            try {
                deleteAll(blobs);
            } catch (RuntimeException e) {
                LOG.warn("Could not delete {} staged blob(s): {}", blobs.size(), e.getMessage());
            }
        }
    }

    private void deleteAll(List<Staged> blobs) {
        if (blobs.size() == 1 || batchesRefused) {
            blobs.forEach(this::deleteOne);
            return;
        }
        // Blob URLs carry no credential: the batch client signs each request.
        List<String> urls = blobs.stream().map(b -> client(b).getBlobUrl()).toList();
        try {
            for (Response<Void> response : batches.deleteBlobs(urls, DeleteSnapshotsOptionType.INCLUDE)) {
                response.getStatusCode();
            }
        } catch (BlobBatchStorageException e) {
            // Some deletions failed: a blob already gone (404) is fine, anything else is logged.
            for (BlobStorageException failure : e.getBatchExceptions()) {
                if (failure.getStatusCode() != 404) {
                    LOG.warn("Could not delete a staged blob: HTTP {} {}", failure.getStatusCode(), failure.getErrorCode());
                }
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 400 || e.getStatusCode() == 404 || e.getStatusCode() == 501) {
                LOG.warn("The storage service refused a blob batch (HTTP {} {}); deleting staged blobs one by one",
                        e.getStatusCode(), e.getErrorCode());
                batchesRefused = true;
                blobs.forEach(this::deleteOne);
                return;
            }
            throw e;
        }
    }

    private com.azure.storage.blob.BlobClient client(Staged blob) {
        return service.getBlobContainerClient(blob.container()).getBlobClient(blob.blobName());
    }

    private void deleteOne(Staged blob) {
        try {
            client(blob).deleteIfExists();
        } catch (BlobStorageException e) {
            LOG.warn("Could not delete a staged blob: HTTP {} {}", e.getStatusCode(), e.getErrorCode());
        }
    }

    /** Blobs queued and not yet deleted. */
    int pending() {
        return queued.get();
    }
}
