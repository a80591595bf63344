package io.batchroutes.emulator.handler;

import io.batchroutes.emulator.service.BatchErrorCode;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * HTTP conditional headers on an entity (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since), checked
 * against its current ETag and Last-Modified just before the operation. A read whose If-None-Match matches or whose
 * If-Modified-Since has not passed answers 304 without a body; any other failed condition answers 412
 * {@code ConditionNotMet}.
 */
final class Conditions {
    private Conditions() {
    }

    /** Whether the request carries any conditional header (most do not: then no check is needed). */
    static boolean any(ApiRequest r) {
        return r.header("If-Match") != null || r.header("If-None-Match") != null
                || r.header("If-Modified-Since") != null || r.header("If-Unmodified-Since") != null;
    }

    /** For GET and HEAD: true when the entity is unchanged and the answer is 304; throws 412 for If-Match failures. */
    static boolean notModified(ApiRequest r, String eTag, Instant lastModified) {
        checkMatch(r, eTag, lastModified);
        String noneMatch = r.header("If-None-Match");
        if (noneMatch != null) {
            return matches(noneMatch, eTag);
        }
        Instant since = date(r, "If-Modified-Since");
        return since != null && lastModified != null && !seconds(lastModified).isAfter(since);
    }

    /** For writes (update, patch, delete, actions): throws 412 ConditionNotMet when a condition fails. */
    static void require(ApiRequest r, String eTag, Instant lastModified) {
        checkMatch(r, eTag, lastModified);
        String noneMatch = r.header("If-None-Match");
        Instant since = date(r, "If-Modified-Since");
        if ((noneMatch != null && matches(noneMatch, eTag))
                || (since != null && lastModified != null && !seconds(lastModified).isAfter(since))) {
            throw BatchErrorCode.CONDITION_NOT_MET.exception();
        }
    }

    /** 304 Not Modified with the entity's headers and no body. */
    static Reply notModifiedReply(String eTag, Instant lastModified) {
        return Reply.empty(304).entityHeaders(eTag, lastModified);
    }

    private static void checkMatch(ApiRequest r, String eTag, Instant lastModified) {
        String match = r.header("If-Match");
        Instant unmodifiedSince = date(r, "If-Unmodified-Since");
        if ((match != null && !matches(match, eTag))
                || (unmodifiedSince != null && lastModified != null && seconds(lastModified).isAfter(unmodifiedSince))) {
            throw BatchErrorCode.CONDITION_NOT_MET.exception();
        }
    }

    /** {@code *} or a comma-separated list of ETags, quoted or not (the SDKs send them as the service gave them). */
    private static boolean matches(String header, String eTag) {
        for (String part : header.split(",")) {
            String tag = part.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals("*") || tag.equals(eTag)) {
                return true;
            }
        }
        return false;
    }

    /** HTTP dates have whole seconds: compare the entity's time at that precision. */
    private static Instant seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant date(ApiRequest r, String header) {
        String value = r.header(header);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw BatchErrorCode.INVALID_HEADER_VALUE.exception("HeaderName", header, "HeaderValue", value);
        }
    }
}
