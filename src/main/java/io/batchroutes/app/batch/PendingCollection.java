package io.batchroutes.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.worktype.ReadBackNames;
import io.batchroutes.app.staging.StagingArea;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a completed task the monitor (or the re-scan) sees still needs collecting. Its display name must be a
 * plain file name of ours ({@link ReadBackNames}: it is data read back from Batch). Then it is pending if its input
 * is still staged, or if its input is still in {@code processing/} as the very file the task was made for (same
 * name, size and time: {@link TaskIdentity}); the second holds when storage lost the staged blob (Azurite killed
 * before it saved its index), and without it the file would stay in {@code processing/} for good.
 */
public final class PendingCollection {

    private static final Logger LOG = LoggerFactory.getLogger(PendingCollection.class);

    private final StagingArea staging;
    private final InputFolder inputs;

    public PendingCollection(StagingArea staging, InputFolder inputs) {
        this.staging = staging;
        this.inputs = inputs;
    }

    public boolean pending(@Header(AzureBatchConstants.TASK_ID) String taskId,
            @Header(AzureBatchConstants.TASK_DISPLAY_NAME) String displayName) throws IOException {
        if (!ReadBackNames.isPlain(displayName)) {
            LOG.warn("Task {} has a display name that is no file name of ours ('{}'): not collected", taskId,
                    ReadBackNames.printable(displayName));
            return false;
        }
        if (staging.isStaged(taskId, displayName)) {
            return true;
        }
        Path file = ReadBackNames.inside(inputs.state(InputFolder.PROCESSING), "task display name", displayName);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && taskId.equals(TaskIdentity.taskId(displayName,
                Files.size(file), Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis()));
    }
}
