package io.batchroutes.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP/1.1 over a plain socket, SharedKey-signed the way the Batch SDKs sign (written here from the reference, not
 * taken from the emulator, so that it checks the emulator): for what an HTTP client library will not send, such as
 * another {@code Host}, a stale {@code ocp-date}, pipelined requests, half a request or a huge body.
 */
final class RawHttp {
    /** One response as read: status, headers (lower-cased names), body. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final String host;
    private final int port;
    private final String account;
    private final byte[] key;

    RawHttp(String url, String account, String base64Key) {
        URI uri = URI.create(url);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.account = account;
        this.key = Base64.getDecoder().decode(base64Key);
    }

    int port() {
        return port;
    }

    /** An RFC 1123 date for {@code ocp-date}, {@code offsetMinutes} from now. */
    static String date(long offsetMinutes) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(offsetMinutes));
    }

    /** A signed request with {@code ocp-date} now. */
    byte[] signed(String method, String pathAndQuery, byte[] body, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ocp-date", date(0));
        headers.putAll(extraHeaders);
        return request(method, pathAndQuery, body, headers, true);
    }

    /**
     * A request: {@code Host: 127.0.0.1:port} unless {@code headers} has one, Content-Length and Content-Type when
     * there is a body, and the Authorization header when {@code sign} (an {@code ocp-date} in {@code headers} is
     * signed as given; no Date header is added).
     */
    byte[] request(String method, String pathAndQuery, byte[] body, Map<String, String> headers, boolean sign) {
        Map<String, String> all = new LinkedHashMap<>();
        if (headers.keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Host"))) {
            all.put("Host", host + ":" + port);
        }
        all.putAll(headers);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json; odata=minimalmetadata; charset=utf-8");
            all.putIfAbsent("Content-Length", Integer.toString(body.length));
        }
        if (sign) {
            all.put("Authorization", authorization(method, pathAndQuery, all));
        }
        StringBuilder head = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
        all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private String authorization(String method, String pathAndQuery, Map<String, String> headers) {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        StringBuilder sb = new StringBuilder(method).append('\n');
        for (String h : new String[] {"content-encoding", "content-language", "content-length", "content-md5",
                "content-type", "date", "if-modified-since", "if-match", "if-none-match", "if-unmodified-since",
                "range"}) {
            sb.append(lower.getOrDefault(h, "")).append('\n');
        }
        lower.forEach((k, v) -> {
            if (k.startsWith("ocp-")) {
                sb.append(k).append(':').append(v).append('\n');
            }
        });
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        sb.append('/').append(account.toLowerCase(Locale.ROOT)).append(path);
        TreeMap<String, String> query = new TreeMap<>();
        if (q >= 0) {
            for (String part : pathAndQuery.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                query.put(k.toLowerCase(Locale.ROOT), v);
            }
        }
        query.forEach((k, v) -> sb.append('\n').append(k).append(':').append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(sb.toString().getBytes(StandardCharsets.UTF_8)));
            return "SharedKey " + account + ":" + signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new connection to the emulator, with a read timeout so that a test never hangs. */
    Socket connect() throws IOException {
        Socket socket = new Socket(host, port);
        socket.setSoTimeout(60_000);
        return socket;
    }

    /** Sends one request on a new connection and reads its response. */
    Response exchange(byte[] request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    /** Reads one response (Content-Length framed, as the emulator answers), or null when the connection ended first. */
    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
}
