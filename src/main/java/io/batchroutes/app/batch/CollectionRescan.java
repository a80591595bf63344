package io.batchroutes.app.batch;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.batchroutes.app.worktype.Bundling;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completed tasks whose collection gave up (storage or Batch unreachable for longer than the collect retries): the
 * monitor emits a task once, so without this they would wait in {@code processing/} for the next start. The
 * re-scan route asks Batch for each of them again ({@code getTask}, the same headers as the monitor's) and collects
 * it the same way, every {@code batchroutes.collect.rescan-millis}, until it is collected.
 */
public final class CollectionRescan {

    private static final Logger LOG = LoggerFactory.getLogger(CollectionRescan.class);

    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    /** Called when collecting a task gave up. */
    public void gaveUp(@Header(AzureBatchConstants.TASK_ID) String fileTaskId,
            @Header(Bundling.BUNDLE_ID_HEADER) String bundleId) {
        // A file of a bundle is collected again through its bundle: the task Batch knows.
        String taskId = bundleId != null ? bundleId : fileTaskId;
        if (taskId != null && waiting.add(taskId)) {
            LOG.info("Task {} is collected again by the next re-scan", taskId);
        }
    }

    /** The tasks to collect again now; each is forgotten until its collection gives up again. */
    public List<String> due() {
        List<String> due = List.copyOf(waiting);
        waiting.removeAll(due);
        return due;
    }

    /** Whether the task's collection gave up again (it waits for the next re-scan). */
    public boolean stillWaiting(@Header(AzureBatchConstants.TASK_ID) String taskId) {
        return waiting.contains(taskId);
    }

    /** How many wait for the next re-scan. */
    public int waitingCount() {
        return waiting.size();
    }
}
