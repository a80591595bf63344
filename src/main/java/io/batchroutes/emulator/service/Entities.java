package io.batchroutes.emulator.service;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small helpers shared by the services: clocks, ETags, ids, durations, deleting a directory tree. */
final class Entities {
    private static final Logger LOG = LoggerFactory.getLogger(Entities.class);
    private static final AtomicLong ETAG = new AtomicLong(System.currentTimeMillis() * 1000);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Entities() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An ETag in the service's format: {@code 0x} and 15 upper-case hex digits. */
    static String newETag() {
        return String.format("0x8D%013X", ETAG.incrementAndGet() & 0xFFFFFFFFFFFFFL);
    }

    static void requireId(String id, String property) {
        if (id == null) {
            throw BatchErrorCode.MISSING_REQUIRED_PROPERTY.exception("PropertyName", property);
        }
        if (!ID.matcher(id).matches()) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", property, "PropertyValue", id,
                    "Reason", "An id may contain letters, digits, hyphens and underscores, at most 64 characters");
        }
    }

    static void require(Object value, String property) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw BatchErrorCode.MISSING_REQUIRED_PROPERTY.exception("PropertyName", property);
        }
    }

    /** Parses an ISO-8601 duration as sent on the wire; null stays null. */
    static Duration duration(String value, String property) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exception("PropertyName", property, "PropertyValue", value);
        }
    }

    static String encodePath(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Deletes a directory tree, best effort (what cannot be deleted is logged and left). */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("could not delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
