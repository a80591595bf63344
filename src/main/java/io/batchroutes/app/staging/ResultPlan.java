package io.batchroutes.app.staging;

import java.io.File;
import java.util.List;
import java.util.Map;

import io.batchroutes.app.worktype.ReadBackNames;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.apache.camel.component.azure.storage.blob.BlobConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which blobs a finished task's results are in and what each is called in the output folder. Literal output names
 * are known without asking storage (a listing scans the container in Azurite, which with thousands of staged files
 * is what bounds throughput); only wildcard outputs are listed. A literal output the task did not upload is absent
 * from storage: the collect route skips it.
 */
public final class ResultPlan {

    private static final Logger LOG = LoggerFactory.getLogger(ResultPlan.class);

    /** Where the collect-result route keeps the result it is writing. */
    public static final String RESULT_PROPERTY = "BatchRoutesResultFile";

    private final WorkTypes workTypes;
    private final StagingArea staging;

    public ResultPlan(WorkTypes workTypes, StagingArea staging) {
        this.workTypes = workTypes;
        this.staging = staging;
    }

    public List<ResultFile> plan(@Header(AzureBatchConstants.TASK_ID) String taskId,
            @Header(AzureBatchConstants.TASK_DISPLAY_NAME) String originalName) {
        WorkType type = workTypes.forFile(originalName)
                .orElseThrow(() -> new IllegalStateException("No work type takes " + originalName));
        List<String> blobs = BlobLayout.allLiteral(type.outputs())
                ? BlobLayout.literalResultBlobNames(taskId, type.outputs())
                : staging.resultBlobs(taskId);
        return blobs.stream()
                .map(blob -> new ResultFile(blob, type.localOutputName(originalName, BlobLayout.nodeFileName(blob))))
                .filter(result -> plainName(taskId, result))
                .toList();
    }

    /** A result name from a listed blob is data a task chose: one that is no plain file name is left out. */
    private static boolean plainName(String taskId, ResultFile result) {
        if (ReadBackNames.isPlain(result.localName())) {
            return true;
        }
        LOG.warn("Task {}: result blob {} would be named '{}', which is no plain file name; left out", taskId,
                ReadBackNames.printable(result.blobName()), ReadBackNames.printable(result.localName()));
        return false;
    }

    /**
     * For the collect-result route: where the planned result is (headers {@code CamelAzureStorageBlobBlobName} and
     * {@code CamelAzureStorageBlobBlobContainerName}) and its name in the output folder ({@code CamelFileName}). One
     * call instead of three expressions: each would copy the exchange, once per result.
     */
    public void address(@Body ResultFile planned, @Header(AzureBatchConstants.TASK_ID) String taskId,
            @Headers Map<String, Object> headers) {
        headers.put(BlobConstants.BLOB_NAME, planned.blobName());
        headers.put(BlobConstants.BLOB_CONTAINER_NAME, staging.outputContainerOf(taskId));
        headers.put(Exchange.FILE_NAME, planned.localName());
    }

    /** For batchroutes.results-uri: the result as written (the body) under its name in the output folder ({@code CamelFileName}). */
    public File delivered(@Body ResultFile written, @Headers Map<String, Object> headers) {
        headers.put(Exchange.FILE_NAME, written.localName());
        return written.file();
    }

    /** Whether none of a task's planned results was there to write (the body: what the split wrote). */
    public boolean noneWritten(@Body List<?> written) {
        return written == null || written.stream().noneMatch(ResultFile.class::isInstance);
    }

    /** The planned result (exchange property {@code BatchRoutesResultFile}) as the file producer wrote it. */
    public ResultFile written(@ExchangeProperty(RESULT_PROPERTY) ResultFile planned,
            @Header(Exchange.FILE_NAME_PRODUCED) String producedPath) {
        return planned.writtenTo(new File(producedPath));
    }
}
