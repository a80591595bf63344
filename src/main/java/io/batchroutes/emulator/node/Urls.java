package io.batchroutes.emulator.node;

/** URL helpers for logs and messages: SAS tokens live in the query and must never be printed. */
public final class Urls {
    private Urls() {
    }

    /**
     * {@code text} (an exception's message, which may quote a URL whole, even one that does not parse) with the query
     * of each of {@code urls} and any {@code sig=} value taken out.
     */
    public static String scrub(String text, String... urls) {
        if (text == null) {
            return "";
        }
        String out = text;
        for (String url : urls) {
            int q = url == null ? -1 : url.indexOf('?');
            if (q >= 0 && q + 1 < url.length()) {
                out = out.replace(url.substring(q + 1), "<redacted>");
            }
        }
        return out.replaceAll("(?i)([?&]|%3F|%26)(sig(=|%3D))[^&\\s\"']*", "$1$2<redacted>");
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
