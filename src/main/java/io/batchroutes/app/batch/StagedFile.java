package io.batchroutes.app.batch;

import io.batchroutes.app.folder.InFlightFile;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * A file in {@code processing/} whose input is staged and whose task is still to be submitted: what the submit route
 * gathers, and what a bundle's manifest lists for each of its files.
 *
 * @param taskId   the file's own task id ({@link TaskIdentity}), also when it runs inside a bundle
 * @param fileName its name in {@code processing/}
 * @param size     its size in bytes (bounds a bundle)
 */
public record StagedFile(String taskId, String fileName, long size) implements InFlightFile {

    /** For the ingest route: the file just staged and claimed. */
    public static StagedFile of(@Header(AzureBatchConstants.TASK_ID) String taskId,
            @Header(Exchange.FILE_NAME_ONLY) String fileName, @Header(Exchange.FILE_LENGTH) Long size) {
        return new StagedFile(taskId, fileName, size == null ? 0 : size);
    }
}
