package io.batchroutes.app.status;

import com.microsoft.azure.batch.protocol.models.BatchErrorException;

/** What a failed Batch read says, for the page: its Batch error code, and one line for an operator. */
final class BatchFailures {

    static final String POOL_NOT_FOUND = "PoolNotFound";
    static final String JOB_NOT_FOUND = "JobNotFound";

    private BatchFailures() {
    }

    static boolean hasCode(Throwable e, String code) {
        BatchErrorException batch = batchError(e);
        return batch != null && batch.body() != null && code.equalsIgnoreCase(batch.body().code());
    }

    /** e.g. {@code HTTP 503 ServerBusy (The server is busy.)} or {@code ConnectException: Connection refused}. */
    static String describe(Throwable e) {
        BatchErrorException batch = batchError(e);
        if (batch != null) {
            String code = batch.body() == null ? null : batch.body().code();
            String message = batch.body() == null || batch.body().message() == null ? null
                    : batch.body().message().value();
            if (message != null && message.indexOf('\n') > 0) {
                message = message.substring(0, message.indexOf('\n'));
            }
            int status = batch.response() == null ? -1 : batch.response().code();
            return "HTTP " + status + " " + code + (message == null ? "" : " (" + message + ")");
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static BatchErrorException batchError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BatchErrorException batch) {
                return batch;
            }
        }
        return null;
    }
}
