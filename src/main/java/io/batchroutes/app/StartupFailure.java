package io.batchroutes.app;

/** Turns an exception that stopped the daemon from starting into the one line an operator needs. */
final class StartupFailure {

    private StartupFailure() {
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        Throwable ours = null;
        while (cause != null) {
            if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
                ours = cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        Throwable chosen = ours != null ? ours : failure;
        String message = chosen.getMessage();
        return message == null ? chosen.getClass().getName() : message;
    }
}
