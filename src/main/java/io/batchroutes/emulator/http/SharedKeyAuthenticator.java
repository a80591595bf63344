package io.batchroutes.emulator.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies {@code Authorization: SharedKey <account>:<signature>} the way the Batch SDKs sign (reference §2): the
 * Content-Length and Content-Type headers exactly as received (empty when absent), the {@code ocp-*} headers, the
 * raw path, and the decoded query parameters with lower-cased keys in sorted order. The account name is accepted
 * as given in the header and lower-cased, because the Java SDK lower-cases it and the JS SDK does not.
 */
public final class SharedKeyAuthenticator {
    private static final List<String> STANDARD_HEADERS = List.of("Content-Encoding", "Content-Language",
            "Content-Length", "Content-MD5", "Content-Type", "Date", "If-Modified-Since", "If-Match", "If-None-Match",
            "If-Unmodified-Since", "Range");

    /** The service's rule: a request is good for 15 minutes either side of its {@code ocp-date} (or {@code Date}). */
    static final Duration DATE_WINDOW = Duration.ofMinutes(15);

    private final String accountName;
    private final byte[] key;
    private final boolean lenient;
    private final Clock clock;

    public SharedKeyAuthenticator(String accountName, String base64Key, boolean lenient, Clock clock) {
        this.accountName = accountName;
        this.key = Base64.getDecoder().decode(base64Key);
        this.lenient = lenient;
        this.clock = clock;
    }

    /**
     * Whether the request is signed with this account's key and dated within {@link #DATE_WINDOW}.
     *
     * @param header     a header by name, case-insensitive; null when absent
     * @param headerList every header as received
     */
    public boolean verify(String method, String rawPath, String rawQuery, Function<String, String> header,
            List<Map.Entry<String, String>> headerList) {
        return check(method, rawPath, rawQuery, header, headerList) == null;
    }

    /** Null when {@link #verify} holds, else why not (safe to log and to answer: no key material). */
    public String check(String method, String rawPath, String rawQuery, Function<String, String> header,
            List<Map.Entry<String, String>> headerList) {
        String authorization = header.apply("Authorization");
        if (authorization == null || !authorization.startsWith("SharedKey ")) {
            return "The Authorization header is missing or not SharedKey.";
        }
        String credential = authorization.substring("SharedKey ".length()).trim();
        int colon = credential.lastIndexOf(':');
        if (colon <= 0) {
            return "The Authorization header is not SharedKey <account>:<signature>.";
        }
        String name = credential.substring(0, colon);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(credential.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return "The signature is not base64.";
        }
        if (!name.equalsIgnoreCase(accountName)) {
            return "The account in the Authorization header is not this account.";
        }
        String dateProblem = dateProblem(header);
        if (dateProblem != null) {
            return dateProblem;
        }
        if (lenient) {
            return null;
        }
        for (String account : List.of(name.toLowerCase(Locale.ROOT), name)) {
            String toSign = stringToSign(method, rawPath, rawQuery, header, headerList, account);
            if (MessageDigest.isEqual(sign(toSign), signature)) {
                return null;
            }
        }
        return "The MAC signature found in the HTTP request is not the same as any computed signature.";
    }

    /** A signature must not outlive its date: ocp-date (else Date) present, RFC 1123, within the window. */
    private String dateProblem(Function<String, String> header) {
        String value = header.apply("ocp-date");
        String name = "ocp-date";
        if (value == null || value.isBlank()) {
            value = header.apply("Date");
            name = "Date";
        }
        if (value == null || value.isBlank()) {
            return "The request has neither an ocp-date nor a Date header.";
        }
        Instant date;
        try {
            date = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return "The " + name + " header is not an RFC 1123 date.";
        }
        Duration skew = Duration.between(date, clock.instant()).abs();
        if (skew.compareTo(DATE_WINDOW) > 0) {
            return "The request's " + name + " is more than " + DATE_WINDOW.toMinutes()
                    + " minutes away from the server's time: request " + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            date.atZone(ZoneOffset.UTC)) + ", server " + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            clock.instant().atZone(ZoneOffset.UTC)) + ".";
        }
        return null;
    }

    static String stringToSign(String method, String rawPath, String rawQuery, Function<String, String> header,
            List<Map.Entry<String, String>> headerList, String account) {
        StringBuilder sb = new StringBuilder(method).append('\n');
        for (String name : STANDARD_HEADERS) {
            String value = header.apply(name);
            sb.append(value == null ? "" : value).append('\n');
        }
        TreeMap<String, String> ocp = new TreeMap<>();
        for (Map.Entry<String, String> h : headerList) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            if (lower.startsWith("ocp-")) {
                ocp.put(lower, h.getValue().replace('\r', ' ').replace('\n', ' ').stripLeading());
            }
        }
        ocp.forEach((k, v) -> sb.append(k).append(':').append(v).append('\n'));
        sb.append('/').append(account).append('/').append(rawPath.replaceFirst("^/+", ""));
        TreeMap<String, String> query = new TreeMap<>();
        QueryString.parse(rawQuery).params().forEach(p -> query.put(p.key(), p.value()));
        query.forEach((k, v) -> sb.append('\n').append(k).append(':').append(v));
        return sb.toString();
    }

    byte[] sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
