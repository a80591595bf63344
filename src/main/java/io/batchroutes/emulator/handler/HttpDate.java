package io.batchroutes.emulator.handler;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** RFC 1123 dates, the only format the Java SDK accepts in {@code Last-Modified} and {@code ocp-creation-time}. */
public final class HttpDate {
    private HttpDate() {
    }

    public static String format(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }
}
