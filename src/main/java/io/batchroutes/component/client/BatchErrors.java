package io.batchroutes.component.client;

import java.io.IOException;
import java.io.InterruptedIOException;

import com.microsoft.azure.batch.protocol.models.BatchErrorException;

/**
 * Reads the HTTP status and Batch error code out of what the SDK throws.
 */
public final class BatchErrors {

    public static final String POOL_EXISTS = "PoolExists";
    public static final String JOB_EXISTS = "JobExists";
    public static final String POOL_BEING_DELETED = "PoolBeingDeleted";
    public static final String JOB_BEING_DELETED = "JobBeingDeleted";
    public static final String TASK_EXISTS = "TaskExists";
    public static final String POOL_NOT_FOUND = "PoolNotFound";
    public static final String JOB_NOT_FOUND = "JobNotFound";
    public static final String TASK_NOT_FOUND = "TaskNotFound";

    private BatchErrors() {
    }

    /** The Batch error code (e.g. JobNotFound), or null when the error has no body (HEAD) or is not a Batch error. */
    public static String code(Throwable e) {
        BatchErrorException batchError = batchError(e);
        if (batchError == null || batchError.body() == null) {
            return null;
        }
        return batchError.body().code();
    }

    /** The HTTP status, or -1 when the error did not come from an HTTP response. */
    public static int status(Throwable e) {
        BatchErrorException batchError = batchError(e);
        if (batchError == null || batchError.response() == null) {
            return -1;
        }
        return batchError.response().code();
    }

    public static boolean hasCode(Throwable e, String code) {
        return code.equalsIgnoreCase(code(e));
    }

    /** The first BatchErrorException in the cause chain. */
    public static BatchErrorException batchError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BatchErrorException batchError) {
                return batchError;
            }
        }
        return null;
    }

    /** The first IOException in the cause chain: the SDK wraps I/O errors in RuntimeExceptions. */
    public static IOException ioError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io && !(t instanceof InterruptedIOException && Thread.currentThread().isInterrupted())) {
                return io;
            }
        }
        return null;
    }

    /** One line for logs and exception messages: status, code and the first line of the message, never a secret. */
    public static String describe(Throwable e) {
        BatchErrorException batchError = batchError(e);
        if (batchError != null) {
            String message = batchError.body() != null && batchError.body().message() != null
                    ? batchError.body().message().value() : null;
            if (message != null && message.indexOf('\n') > 0) {
                message = message.substring(0, message.indexOf('\n'));
            }
            return "HTTP " + status(e) + " " + code(e) + (message == null ? "" : " (" + message + ")");
        }
        IOException io = ioError(e);
        Throwable shown = io != null ? io : e;
        return shown.getClass().getSimpleName() + (shown.getMessage() == null ? "" : ": " + shown.getMessage());
    }
}
