package io.batchroutes.app.staging;

import java.io.File;
import java.util.List;

import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * Which blobs a finished task's results are in and what each is called in the output folder. Literal output names
 * are known without asking storage (a listing scans the container in Azurite, which with thousands of staged files
 * is what bounds throughput); only wildcard outputs are listed. A literal output the task did not upload is absent
 * from storage: the collect route skips it.
 */
public final class ResultPlan {

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
                .toList();
    }

    /** The planned result (exchange property {@code BatchRoutesResultFile}) as the file producer wrote it. */
    public ResultFile written(@ExchangeProperty(RESULT_PROPERTY) ResultFile planned,
            @Header(Exchange.FILE_NAME_PRODUCED) String producedPath) {
        return planned.writtenTo(new File(producedPath));
    }
}
