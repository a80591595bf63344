package io.batchroutes.emulator.node;

import com.sun.net.httpserver.HttpServer;
import io.batchroutes.emulator.model.ResourceFile;
import io.batchroutes.emulator.model.TaskFailureInformation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node agent's transfers against a real local HTTP server: answers come back as status and error code, a file is
 * only written on 200, connections are reused (each transfer would otherwise pay a connect), and a resource file URL
 * that is no http(s) URL is refused before anything is opened.
 */
class BlobHttpTest {

    private final BlobHttp http = new BlobHttp();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** /ok answers "payload", /missing 404 with an error code and body; every request's client port is noted. */
    private String serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            exchange.getRequestBody().readAllBytes();
            boolean ok = !exchange.getRequestURI().getPath().equals("/missing");
            byte[] body = (ok ? "payload" : "<Error><Code>BlobNotFound</Code></Error>").getBytes(StandardCharsets.UTF_8);
            if (!ok) {
                exchange.getResponseHeaders().add("x-ms-error-code", "BlobNotFound");
            }
            int status = ok ? (exchange.getRequestMethod().equals("PUT") ? 201 : 200) : 404;
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void transfersShareOneConnectionAndAFailureWritesNothing() throws Exception {
        String base = serve();
        Path upload = Files.writeString(dir.resolve("up.txt"), "result");

        assertThat(http.get(URI.create(base + "/ok"), dir.resolve("a")).status()).isEqualTo(200);
        BlobHttp.Answer missing = http.get(URI.create(base + "/missing"), dir.resolve("b"));
        assertThat(http.put(URI.create(base + "/ok"), Map.of("x-ms-blob-type", "BlockBlob"), upload).status()).isEqualTo(201);
        assertThat(http.get(URI.create(base + "/ok"), dir.resolve("c")).status()).isEqualTo(200);

        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("payload");
        assertThat(missing).isEqualTo(new BlobHttp.Answer(404, "BlobNotFound"));
        assertThat(dir.resolve("b")).doesNotExist();
        assertThat(clientPorts).as("one kept-alive connection, the 404's body read to its end").hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/hostname", "jar:file:/x.jar!/a", "ftp://127.0.0.1/a", "http:relative", "not a url"})
    void aResourceFileUrlThatIsNoHttpUrlIsRefused(String url) {
        ResourceFile rf = new ResourceFile();
        rf.httpUrl = url;
        rf.filePath = "input.txt";
        StorageRetry retry = new StorageRetry(Duration.ofMillis(100), Duration.ofMillis(10), Duration.ofMillis(10));

        TaskFailureInformation failure = new ResourceFileDownloader(http, retry).download(rf, dir, "test");

        assertThat(failure.code).isEqualTo("ResourceFileCreateFailed");
        assertThat(retry.retried()).isZero();
        assertThat(dir.resolve("input.txt")).doesNotExist();
    }
}
