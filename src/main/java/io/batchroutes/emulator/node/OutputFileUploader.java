package io.batchroutes.emulator.node;

import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import io.batchroutes.emulator.model.OutputFile;
import io.batchroutes.emulator.model.TaskFailureInformation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Uploads a task's output files to their blob containers after the process exits. */
final class OutputFileUploader {
    private static final Logger LOG = LoggerFactory.getLogger(OutputFileUploader.class);

    private final StorageRetry retry;
    private final BlobPut put;
    private final SasContainerClients containers = new SasContainerClients();

    OutputFileUploader(StorageRetry retry, BlobPut put) {
        this.retry = retry;
        this.put = put;
    }

    /** Uploads the files whose uploadCondition fits the outcome; null on success, else the failure to report. */
    TaskFailureInformation upload(List<OutputFile> outputFiles, Path workingDir, boolean taskSucceeded, String label) {
        for (OutputFile of : outputFiles) {
            if (!applies(of, taskSucceeded)) {
                continue;
            }
            String containerUrl = of.destination == null || of.destination.container == null
                    ? null : of.destination.container.containerUrl;
            try {
                if (containerUrl == null) {
                    throw new IllegalArgumentException("destination.container.containerUrl is missing");
                }
                OutputFilePattern pattern = OutputFilePattern.parse(workingDir, of.filePattern);
                String path = of.destination.container.path;
                for (OutputFilePattern.Match m : pattern.matches()) {
                    String blob = blobName(path, m.relativeName(), pattern.hasWildcard());
                    retry.run(label + ": upload of " + m.relativeName(), () -> {
                        // No request conditions: an earlier attempt's blob is overwritten (uploadFromFile(path, true)).
                        if (Files.size(m.file()) <= BlobPut.MAX_SINGLE_PUT) {
                            put.put(containerUrl, blob, m.file());
                        } else {
                            SasContainerClients.Container container = containers.forUrl(containerUrl);
                            container.client().getBlobClient(blob).uploadFromFileWithResponse(
                                    new BlobUploadFromFileOptions(m.file().toString()), null, container.context());
                        }
                        return null;
                    });
                    if (LOG.isInfoEnabled()) { // redacting the URL costs more than the line when it is not written
                        LOG.info("{}: uploaded {} to {} blob {}", label, m.relativeName(), Urls.redact(containerUrl), blob);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return NodeFailures.failure("FileUploadError", "Interrupted while uploading output files",
                        "FilePattern", of.filePattern);
            } catch (Exception | StackOverflowError e) { // overflow: a pattern or tree too deep; a clear failure
                String message = firstLine(Urls.scrub(e.getMessage(), containerUrl));
                LOG.warn("{}: output file upload of '{}' to {} failed: {}: {}", label, of.filePattern,
                        Urls.redact(containerUrl), e.getClass().getSimpleName(), message);
                return NodeFailures.failure("FileUploadError", "One or more output files failed to upload",
                        "FilePattern", of.filePattern, "Message", message);
            }
        }
        return null;
    }

    private static boolean applies(OutputFile of, boolean succeeded) {
        String condition = of.uploadOptions == null || of.uploadOptions.uploadCondition == null
                ? "taskcompletion" : of.uploadOptions.uploadCondition.toLowerCase(Locale.ROOT);
        return switch (condition) {
            case "tasksuccess" -> succeeded;
            case "taskfailure" -> !succeeded;
            default -> true;
        };
    }

    /** With a wildcard, {@code path} is a virtual directory; without, it is the blob name itself. */
    static String blobName(String path, String relativeName, boolean wildcard) {
        if (path == null || path.isEmpty()) {
            return relativeName;
        }
        if (!wildcard) {
            return path;
        }
        return path.endsWith("/") ? path + relativeName : path + "/" + relativeName;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        // SDK messages may echo the request URL; keep them short and drop any query (SAS) they carry.
        String line = s.lines().findFirst().orElse("");
        return line.replaceAll("\\?[^\\s\"']*", "?<redacted>");
    }
}
