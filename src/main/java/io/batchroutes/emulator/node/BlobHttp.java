package io.batchroutes.emulator.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The node agent's blob transfers: one blocking HTTP request per call, a GET into a file or a PUT from one, on the
 * JDK's {@link HttpURLConnection}, which keeps connections alive and reuses them. Chosen over {@code java.net.http}
 * for its cost: a small GET from Azurite took 0.19 ms of CPU against 0.53 ms (its futures and thread hand-offs), and
 * every file a task gets arrives this way; per MP4 of the benchmark's compute run (8.5 MB in, 1.9 MB out) the
 * emulator's CPU fell from 52-56 to 33-40 ms. The transfers run on the node's worker threads, which wait for them
 * anyway.
 */
final class BlobHttp {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** How long a transfer may go without a byte either way before it fails (and is tried again). */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** Bodies of answers that carry no file (an error's XML, a PUT's empty body) are read up to this much. */
    private static final int DRAIN_LIMIT = 64 * 1024;

    /** What storage answered: the status, and the service's error code on a failure (x-ms-error-code), if any. */
    record Answer(int status, String errorCode) {
        boolean is(int expected) {
            return status == expected;
        }
    }

    /** {@code url} as a URI if it is an absolute http or https URL with a host, else null. */
    static URI httpUri(String url) {
        try {
            URI uri = new URI(url);
            return isHttp(uri) ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    /** GETs {@code uri}; on 200 the body is written to {@code target} (replaced), on any other status nothing is. */
    Answer get(URI uri, Path target) throws IOException {
        HttpURLConnection connection = open(uri, "GET");
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                return failed(connection, status);
            }
            try (InputStream body = connection.getInputStream()) {
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return new Answer(status, null);
        } catch (IOException e) {
            connection.disconnect(); // a connection broken mid-body is not reused
            throw e;
        }
    }

    /** PUTs {@code file} as the body of a request to {@code uri}, with {@code headers}; streamed, never held in memory. */
    Answer put(URI uri, Map<String, String> headers, Path file) throws IOException {
        HttpURLConnection connection = open(uri, "PUT");
        try {
            headers.forEach(connection::setRequestProperty);
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(Files.size(file));
            try (OutputStream out = connection.getOutputStream()) {
                Files.copy(file, out);
            }
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                return failed(connection, status);
            }
            drain(connection, connection.getInputStream());
            return new Answer(status, null);
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }

    private static HttpURLConnection open(URI uri, String method) throws IOException {
        if (!isHttp(uri)) {
            throw new IllegalArgumentException("not an http or https URL");
        }
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        connection.setReadTimeout((int) IDLE_TIMEOUT.toMillis());
        connection.setUseCaches(false);
        return connection;
    }

    /** The error's code, its body read to the end so that the connection can serve the next request. */
    private static Answer failed(HttpURLConnection connection, int status) throws IOException {
        String errorCode = connection.getHeaderField("x-ms-error-code");
        drain(connection, connection.getErrorStream());
        return new Answer(status, errorCode);
    }

    /** Reads a short body to its end, so that the connection serves the next request; a longer one closes it. */
    private static void drain(HttpURLConnection connection, InputStream body) throws IOException {
        if (body == null) {
            return;
        }
        try (body) {
            if (body.readNBytes(DRAIN_LIMIT).length == DRAIN_LIMIT && body.read() != -1) {
                connection.disconnect();
            }
        }
    }
}
