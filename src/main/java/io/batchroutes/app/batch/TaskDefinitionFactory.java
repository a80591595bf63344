package io.batchroutes.app.batch;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.azure.batch.protocol.models.OutputFile;
import com.microsoft.azure.batch.protocol.models.OutputFileBlobContainerDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileDestination;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadCondition;
import com.microsoft.azure.batch.protocol.models.OutputFileUploadOptions;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskConstraints;
import io.batchroutes.app.staging.BlobLayout;
import io.batchroutes.app.staging.StagingArea;
import io.batchroutes.app.worktype.Bundling;
import io.batchroutes.app.worktype.CommandLine;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.joda.time.Period;

/**
 * Builds the Batch task for one input file: the staged input comes down as {@code input.<ext>}, the work type's
 * command runs on it, and its results go up to {@code <taskId>/} in the results container. The user's file name
 * only travels as the task's display name, which no node ever interprets.
 */
public final class TaskDefinitionFactory {

    private static final int MAX_DISPLAY_NAME = 1024;

    private final WorkTypes workTypes;
    private final StagingArea staging;

    public TaskDefinitionFactory(WorkTypes workTypes, StagingArea staging) {
        this.workTypes = workTypes;
        this.staging = staging;
    }

    public TaskAddParameter create(@Header(AzureBatchConstants.TASK_ID) String taskId, @Header(Exchange.FILE_NAME_ONLY) String originalName) {
        WorkType type = workTypes.forFile(originalName)
                .orElseThrow(() -> new IllegalArgumentException("No work type takes " + originalName));
        String extension = WorkType.extension(originalName);
        OffsetDateTime expiry = staging.taskSasExpiry(runLimit(type));
        String inputUrl = staging.inputReadUrl(taskId, extension, expiry);
        return new TaskAddParameter()
                .withId(taskId)
                .withDisplayName(displayName(originalName))
                .withCommandLine(CommandLine.join(type.argv(extension)))
                .withResourceFiles(List.of(new ResourceFile().withHttpUrl(inputUrl)
                        .withFilePath(WorkType.stagedInputName(extension))))
                .withOutputFiles(outputFiles(taskId, type, expiry))
                .withRequiredSlots(type.limits().slots())
                .withConstraints(new TaskConstraints()
                        .withMaxWallClockTime(new Period(type.limits().maxWallClock().toMillis()))
                        .withMaxTaskRetryCount(type.limits().maxRetries()));
    }

    /**
     * Builds the task for a bundle: each file's staged input comes down into a folder of its own ({@code 0/input.txt},
     * {@code 1/input.txt}, ...), the work type's bundle command runs once over all folders, and each file's outputs
     * (and a {@code reason.txt} for a file the command could not do) go up to that file's own {@code <taskId>/}, the
     * very blobs it would have had on its own. A type with a {@code bundle.archive} uploads that one zip instead, to
     * {@link BlobLayout#bundleArchiveBlobName} of the first file. The run limit is the type's per file, times the files.
     */
    public TaskAddParameter createBundle(BundleManifests.Manifest manifest) {
        WorkType type = workTypes.byName(manifest.workType());
        List<StagedFile> members = manifest.members();
        String extension = WorkType.extension(members.get(0).fileName());
        Duration runLimit = runLimit(type).multipliedBy(members.size());
        OffsetDateTime expiry = staging.taskSasExpiry(runLimit);
        List<ResourceFile> inputs = new ArrayList<>(members.size());
        List<OutputFile> outputs = new ArrayList<>(members.size() * (type.outputs().size() + 1));
        List<String> folders = new ArrayList<>(members.size());
        for (int k = 0; k < members.size(); k++) {
            String folder = Integer.toString(k);
            String taskId = members.get(k).taskId();
            folders.add(folder);
            inputs.add(new ResourceFile().withFilePath(folder + "/" + WorkType.stagedInputName(extension))
                    .withHttpUrl(staging.inputReadUrl(taskId, extension, expiry)));
            if (type.bundle().archived()) {
                continue;
            }
            for (String output : type.outputs()) {
                outputs.add(literalOutput(taskId, folder + "/" + output, BlobLayout.literalResultBlobName(taskId, output), expiry));
            }
            outputs.add(literalOutput(taskId, folder + "/" + Bundling.REASON_FILE, BlobLayout.reasonBlobName(taskId), expiry));
        }
        if (type.bundle().archived()) {
            String first = members.get(0).taskId();
            outputs.add(literalOutput(first, type.bundle().archive(),
                    BlobLayout.bundleArchiveBlobName(first, type.bundle().archive()), expiry));
        }
        return new TaskAddParameter()
                .withId(manifest.bundleId())
                .withDisplayName("bundle of " + members.size() + " " + type.name() + " files")
                .withCommandLine(CommandLine.join(type.bundleArgv(extension, folders)))
                .withResourceFiles(inputs)
                .withOutputFiles(outputs)
                .withRequiredSlots(type.limits().slots())
                .withConstraints(new TaskConstraints()
                        .withMaxWallClockTime(new Period(type.limits().maxWallClock().multipliedBy(members.size()).toMillis()))
                        .withMaxTaskRetryCount(type.limits().maxRetries()));
    }

    private OutputFile literalOutput(String taskId, String pattern, String blobName, OffsetDateTime expiry) {
        return new OutputFile().withFilePattern(pattern)
                .withDestination(new OutputFileDestination().withContainer(new OutputFileBlobContainerDestination()
                        .withContainerUrl(staging.outputBlobWriteUrl(taskId, blobName, expiry)).withPath(blobName)))
                .withUploadOptions(new OutputFileUploadOptions().withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS));
    }

    /** The single task of a staged file. */
    public TaskAddParameter create(StagedFile file) {
        return create(file.taskId(), file.fileName());
    }

    /** The longest a task can run: its wall-clock limit for each attempt (first run and retries). */
    static Duration runLimit(WorkType type) {
        return type.limits().maxWallClock().multipliedBy(type.limits().maxRetries() + 1L);
    }

    private List<OutputFile> outputFiles(String taskId, WorkType type, OffsetDateTime expiry) {
        List<OutputFile> files = new ArrayList<>();
        for (String pattern : type.outputs()) {
            boolean wildcard = BlobLayout.isWildcard(pattern);
            String path = BlobLayout.uploadPath(taskId, pattern);
            // Literal outputs get a SAS for their one blob; wildcards need one for the container.
            String containerUrl = wildcard ? staging.outputContainerWriteUrl(taskId, expiry)
                    : staging.outputBlobWriteUrl(taskId, path, expiry);
            files.add(new OutputFile().withFilePattern(pattern)
                    .withDestination(new OutputFileDestination().withContainer(
                            new OutputFileBlobContainerDestination().withContainerUrl(containerUrl).withPath(path)))
                    .withUploadOptions(new OutputFileUploadOptions().withUploadCondition(OutputFileUploadCondition.TASK_SUCCESS)));
        }
        return files;
    }

    private static String displayName(String originalName) {
        return originalName.length() <= MAX_DISPLAY_NAME ? originalName : originalName.substring(0, MAX_DISPLAY_NAME);
    }
}
