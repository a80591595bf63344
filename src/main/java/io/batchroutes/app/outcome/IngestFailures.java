package io.batchroutes.app.outcome;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;

import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * The ingest route's error handlers: a file that could not be named, staged or claimed fails with the reason, unless
 * it is simply gone (another daemon took it, the user removed it): then it is let go without a trace.
 */
public final class IngestFailures {

    private final InputFolder inputs;
    private final FileOutcomes outcomes;

    public IngestFailures(InputFolder inputs, FileOutcomes outcomes) {
        this.inputs = inputs;
        this.outcomes = outcomes;
    }

    /** Another process claimed the file first: this daemon lets it go (its upload was wasted, nothing else). */
    public void claimLost(@Header(Exchange.FILE_NAME_ONLY) String name, @Header(AzureBatchConstants.TASK_ID) String taskId) {
        outcomes.notStaged(taskId);
        outcomes.letGo(name, taskId, "another process claimed it first");
    }

    public void record(@Header(Exchange.FILE_NAME_ONLY) String name, @Header(AzureBatchConstants.TASK_ID) String taskId,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) throws IOException {
        outcomes.notStaged(taskId);
        if (vanished(name, cause)) {
            // Failing it would write a reason for a file that is not ours and move another daemon's file from
            // processing/ to failed/.
            outcomes.letGo(name, taskId, "it left the input folder before this daemon could stage it (another process took it)");
            return;
        }
        outcomes.notSubmitted(name, FailureReason.notSubmitted(taskId, cause));
    }

    /**
     * The failure was the file missing (read for the upload, or moved) and it is no longer in the input folder:
     * another daemon on the same folder claimed it meanwhile, or the user took it back.
     */
    private boolean vanished(String name, Exception cause) {
        if (name == null || Files.exists(inputs.dropped(name), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if ((t instanceof NoSuchFileException || t instanceof FileNotFoundException)
                    && String.valueOf(t.getMessage()).contains(File.separator + name)) {
                return true;
            }
        }
        return false;
    }
}
