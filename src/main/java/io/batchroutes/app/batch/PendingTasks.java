package io.batchroutes.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Header;

/**
 * Tells a finished task that still has to be collected from one collected before (a restart emits every completed
 * task again, and a collected task may linger until its deletion): pending while {@code processing/} holds the very
 * file the task was made from, the one whose name, size and modification time give its id. A file leaves
 * {@code processing/} only once its outcome is decided, so this is exact, and it is a local look instead of a
 * storage request per file.
 */
public final class PendingTasks {

    private final InputFolder inputs;

    public PendingTasks(InputFolder inputs) {
        this.inputs = inputs;
    }

    /**
     * @param originalName the task's display name, read back from Batch: data, only looked up as a plain name
     *                     inside {@code processing/}, never as a path
     */
    public boolean isPending(@Header(AzureBatchConstants.TASK_ID) String taskId,
            @Header(AzureBatchConstants.TASK_DISPLAY_NAME) String originalName) {
        if (taskId == null || originalName == null || originalName.isEmpty() || originalName.equals(".")
                || originalName.equals("..") || originalName.indexOf('/') >= 0 || originalName.indexOf('\0') >= 0) {
            return false;
        }
        try {
            Path file = inputs.processing(originalName);
            if (!file.getParent().equals(inputs.state(InputFolder.PROCESSING))
                    || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            return TaskIdentity.taskId(originalName, Files.size(file), Files.getLastModifiedTime(file).toMillis())
                    .equals(taskId);
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }
}
