package io.batchroutes.emulator.node;

/** URL helpers for logs and messages: SAS tokens live in the query and must never be printed. */
public final class Urls {
    private Urls() {
    }

    /** The URL without its query string. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?<redacted>";
    }
}
