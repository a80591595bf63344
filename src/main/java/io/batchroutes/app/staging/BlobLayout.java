package io.batchroutes.app.staging;

import java.util.List;

import io.batchroutes.app.worktype.Bundling;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * How the pipeline names blobs, in both directions, as pure functions (no storage call): a task's input is
 * {@code <taskId>/input.<ext>} in the input container; its results are {@code <taskId>/<name on the node>} in the
 * results container, a literal output under its own file name, a wildcard output's matches under their relative
 * names. The task definition (upload) and the result plan (download) both ask here, so they cannot drift apart.
 */
public final class BlobLayout {

    /** The staged input of a task: {@code <taskId>/input.<ext>}. */
    public static String inputBlobName(String taskId, String extension) {
        return taskId + "/" + WorkType.stagedInputName(extension);
    }

    /** For the ingest route: the blob a dropped file is staged under (header {@code CamelAzureStorageBlobBlobName}). */
    public String inputBlobFor(@Header(AzureBatchConstants.TASK_ID) String taskId,
            @Header(Exchange.FILE_NAME_ONLY) String fileName) {
        return inputBlobName(taskId, WorkType.extension(fileName));
    }

    /** Every result blob of a task starts with this. */
    public static String resultPrefix(String taskId) {
        return taskId + "/";
    }

    /** Where a bundle puts why one of its files failed: {@code <taskId>/reason.txt}, beside the file's results. */
    public static String reasonBlobName(String taskId) {
        return resultPrefix(taskId) + Bundling.REASON_FILE;
    }

    /**
     * Where a bundle that packs its files' outputs ({@code bundle.archive}) uploads its zip: among the results of its
     * first file, {@code <taskId>/<archive>}, so it goes with that file's generation (no output has the archive's name).
     */
    public static String bundleArchiveBlobName(String firstTaskId, String archive) {
        return resultPrefix(firstTaskId) + archive;
    }

    /** Whether an output pattern is a glob (its blob names are only known once the task uploaded them). */
    public static boolean isWildcard(String outputPattern) {
        return outputPattern.contains("*") || outputPattern.contains("?") || outputPattern.contains("[");
    }

    /** Whether every output of a work type is a literal name, so its result blobs are known without a listing. */
    public static boolean allLiteral(List<String> outputPatterns) {
        return outputPatterns.stream().noneMatch(BlobLayout::isWildcard);
    }

    /**
     * Where a task uploads the files an output pattern matches (Batch's destination path): for a literal output the
     * blob name itself, for a wildcard the task's folder, under which the matches keep their relative names.
     */
    public static String uploadPath(String taskId, String outputPattern) {
        return isWildcard(outputPattern) ? taskId : literalResultBlobName(taskId, outputPattern);
    }

    /** The blob a literal output ends up in: {@code <taskId>/<its file name>}. */
    public static String literalResultBlobName(String taskId, String outputPattern) {
        return resultPrefix(taskId) + outputPattern.substring(outputPattern.lastIndexOf('/') + 1);
    }

    /** The result blobs of literal outputs, without duplicates. */
    public static List<String> literalResultBlobNames(String taskId, List<String> outputPatterns) {
        return outputPatterns.stream().map(o -> literalResultBlobName(taskId, o)).distinct().toList();
    }

    /** The file name a result had on the node: the last part of its blob name. */
    public static String nodeFileName(String resultBlobName) {
        return resultBlobName.substring(resultBlobName.lastIndexOf('/') + 1);
    }
}
