package io.batchroutes.emulator.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    private final String accountName;
    private final byte[] key;
    private final boolean lenient;

    public SharedKeyAuthenticator(String accountName, String base64Key, boolean lenient) {
        this.accountName = accountName;
        this.key = Base64.getDecoder().decode(base64Key);
        this.lenient = lenient;
    }

    /**
     * Whether the request is signed with this account's key.
     *
     * @param header     a header by name, case-insensitive; null when absent
     * @param headerList every header as received
     */
    public boolean verify(String method, String rawPath, String rawQuery, Function<String, String> header,
            List<Map.Entry<String, String>> headerList) {
        String authorization = header.apply("Authorization");
        if (authorization == null || !authorization.startsWith("SharedKey ")) {
            return false;
        }
        String credential = authorization.substring("SharedKey ".length()).trim();
        int colon = credential.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        String name = credential.substring(0, colon);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(credential.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!name.equalsIgnoreCase(accountName)) {
            return false;
        }
        if (lenient) {
            return true;
        }
        for (String account : List.of(name.toLowerCase(Locale.ROOT), name)) {
            String toSign = stringToSign(method, rawPath, rawQuery, header, headerList, account);
            if (MessageDigest.isEqual(sign(toSign), signature)) {
                return true;
            }
        }
        return false;
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
