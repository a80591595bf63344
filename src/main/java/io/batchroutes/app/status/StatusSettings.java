package io.batchroutes.app.status;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** The status page's configuration ({@code batchroutes.status.*}) and where the management server listens. */
record StatusSettings(boolean enabled, Duration refresh, Duration follow, String token, int recentFiles,
                      String host, String poolId, String jobId, Path outputDir) {

    static final String TOKEN_KEY = "batchroutes.status.token";

    static StatusSettings from(Function<String, Optional<String>> property) {
        return new StatusSettings(
                Boolean.parseBoolean(value(property, "batchroutes.status.enabled", "true")),
                Duration.ofMillis(positive(property, "batchroutes.status.refresh-millis", "2000")),
                Duration.ofMillis(positive(property, "batchroutes.status.follow-millis", "1000")),
                value(property, TOKEN_KEY, ""),
                (int) positive(property, "batchroutes.status.recent-files", "50"),
                value(property, "camel.management.host", "0.0.0.0"),
                value(property, "batchroutes.batch.pool-id", "batchroutes-pool"),
                value(property, "batchroutes.batch.job-id", "batchroutes-job"),
                Path.of(value(property, "batchroutes.output-dir", "OutputFiles")).toAbsolutePath());
    }

    /** Reachable from other machines: then the page wants a token. */
    boolean exposed() {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return false;
        }
        try {
            return !InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** Refuses a page reachable from other machines without a token (the daemon then does not start). */
    void check() {
        if (enabled && exposed() && token.isBlank()) {
            throw new IllegalArgumentException("camel.management.host is " + host + " (not loopback), so the status page"
                    + " needs a token: set " + TOKEN_KEY + " (e.g. from an environment variable), or"
                    + " batchroutes.status.enabled=false");
        }
    }

    private static String value(Function<String, Optional<String>> property, String key, String fallback) {
        return property.apply(key).map(String::strip).filter(v -> !v.isEmpty()).orElse(fallback);
    }

    private static long positive(Function<String, Optional<String>> property, String key, String fallback) {
        String text = value(property, key, fallback);
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a positive whole number, not '" + text + "'");
    }
}
