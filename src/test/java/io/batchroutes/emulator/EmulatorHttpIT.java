package io.batchroutes.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchroutes.testsupport.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The emulator's HTTP layer against what an attacker on the host, or a broken client, sends (issue 13): unsigned
 * bodies are not read, bodies are capped at the service's 1 MiB, stale dates and foreign Host headers are refused,
 * idle and half-sent connections are closed, connections are capped, pipelined requests are answered in order, a
 * deeply nested $filter is a 400. Raw sockets ({@link RawHttp}), since HTTP client libraries send none of this.
 */
class EmulatorHttpIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String API = "api-version=2024-07-01.20.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BatchEmulator emulator;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        emulator = BatchEmulator.start(EmulatorSettings.defaults());
        http = new RawHttp(emulator.url(), emulator.accountName(), emulator.accountKey());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void anUnsignedBodyIsRefusedOnItsHeadersAndNotRead() throws Exception {
        Map<String, String> headers = Map.of("Content-Length", Integer.toString(64 * 1024 * 1024),
                "Content-Type", "application/json", "ocp-date", RawHttp.date(0));
        try (Socket socket = http.connect()) {
            socket.getOutputStream().write(http.request("POST", "/jobs?" + API, null, headers, false));
            socket.getOutputStream().flush();
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).as("answered before any of the 64 MiB was sent").isEqualTo(403);
            assertThat(body(response).get("code").asText()).isEqualTo("AuthenticationFailed");
            assertThat(closedAfterSending(socket, 4 * 1024 * 1024)).as("closed once over 1 MiB of it arrived").isTrue();
        }
        try (Socket again = http.connect()) {
            assertThat(listPools(again).status()).isEqualTo(200);
        }
    }

    @Test
    void aBodyOverOneMebibyteGetsTheServices413BeforeItIsSentAndTheConnectionGoesOn() throws Exception {
        int size = 2 * 1024 * 1024;
        byte[] head = http.request("POST", "/jobs/any/addtaskcollection?" + API, null,
                signedHeaders("POST", "/jobs/any/addtaskcollection?" + API, size), false);
        try (Socket socket = http.connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.flush();
            RawHttp.Response response = RawHttp.read(socket.getInputStream());
            assertThat(response.status()).isEqualTo(413);
            JsonNode error = body(response);
            assertThat(error.get("code").asText()).isEqualTo("RequestBodyTooLarge");
            assertThat(error.get("values").get(0).get("key").asText()).isEqualTo("MaxLimit");
            assertThat(error.get("values").get(0).get("value").asText()).isEqualTo("1048576");
            out.write(new byte[size]);
            assertThat(listPools(socket).status()).as("the same connection after the dropped body").isEqualTo(200);
        }
    }

    @Test
    void theJavaSdkReadsThe413OfACollectionOverOneMebibyte() throws Exception {
        BatchClient client = BatchClient.open(new BatchSharedKeyCredentials(emulator.url(), emulator.accountName(),
                emulator.accountKey()));
        String jobId = EmulatorSdkIT.id("big");
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId("pool-that-never-exists"));
        List<TaskAddParameter> tasks = new ArrayList<>();
        String padding = "x".repeat(20_000);
        for (int i = 0; i < 100; i++) {
            tasks.add(new TaskAddParameter().withId("t" + i).withCommandLine("echo " + padding));
        }
        // createTasks halves a collection on this error (its halving can hang in SDK 11.2, so not used here)
        assertThatThrownBy(() -> client.protocolLayer().tasks().addCollection(jobId, tasks))
                .isInstanceOfSatisfying(BatchErrorException.class, e -> {
                    assertThat(e.response().code()).isEqualTo(413);
                    assertThat(e.body().code()).isEqualTo("RequestBodyTooLarge");
                });
        client.protocolLayer().tasks().addCollection(jobId, tasks.subList(0, 40));
        assertThat(client.jobOperations().getTaskCountsResult(jobId).taskCounts().active()).isEqualTo(40);
    }

    @Test
    void signaturesExpireWithTheirDate() throws Exception {
        for (String date : new String[] {"", "garbage", "Sat, 01 Jan 2000 00:00:00 GMT", RawHttp.date(-16),
                RawHttp.date(16)}) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ocp-date", date);
            RawHttp.Response response = http.exchange(http.request("GET", "/pools?" + API, null, headers, true));
            assertThat(response.status()).as("ocp-date '" + date + "'").isEqualTo(403);
            JsonNode error = body(response);
            assertThat(error.get("code").asText()).isEqualTo("AuthenticationFailed");
            assertThat(error.get("values").get(0).get("key").asText()).isEqualTo("AuthenticationErrorDetail");
        }
        RawHttp.Response undated = http.exchange(http.request("GET", "/pools?" + API, null, Map.of(), true));
        assertThat(undated.status()).as("neither ocp-date nor Date").isEqualTo(403);
        assertThat(http.exchange(http.request("GET", "/pools?" + API, null, Map.of("ocp-date", RawHttp.date(-14)), true))
                .status()).as("14 minutes old").isEqualTo(200);
        assertThat(http.exchange(http.request("GET", "/pools?" + API, null, Map.of("Date", RawHttp.date(0)), true))
                .status()).as("Date instead of ocp-date").isEqualTo(200);
    }

    @Test
    void onlyLoopbackNamesAndTheBoundAddressAreAcceptedAsHost() throws Exception {
        for (String host : new String[] {"evil.example:" + http.port(), "evil.example", "127.0.0.1.evil.example",
                "10.0.0.1:" + http.port(), "localhost:80@evil.example"}) {
            RawHttp.Response response = http.exchange(http.signed("GET", "/pools?" + API, null, Map.of("Host", host)));
            assertThat(response.status()).as(host).isEqualTo(400);
            assertThat(body(response).get("code").asText()).as(host).isEqualTo("InvalidHeaderValue");
            assertThat(response.body()).as(host).doesNotContain("evil");
        }
        for (String host : new String[] {"127.0.0.1:" + http.port(), "localhost:" + http.port(), "LOCALHOST",
                "[::1]:" + http.port()}) {
            assertThat(http.exchange(http.signed("GET", "/pools?" + API, null, Map.of("Host", host))).status())
                    .as(host).isEqualTo(200);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() throws Exception {
        String jobId = EmulatorSdkIT.id("pipe");
        BatchClient client = BatchClient.open(new BatchSharedKeyCredentials(emulator.url(), emulator.accountName(),
                emulator.accountKey()));
        client.jobOperations().createJob(jobId, new PoolInformation().withPoolId("pool-that-never-exists"));
        for (int chunk = 0; chunk < 20; chunk++) { // createTasks of more than 100 can hang in this SDK
            List<TaskAddParameter> tasks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                tasks.add(new TaskAddParameter().withId(String.format("t%02d%02d", chunk, i)).withCommandLine("true"));
            }
            client.taskOperations().createTasks(jobId, tasks);
        }
        // Slow (a page of 1,000 tasks) and quick (a refused signature, the stats) requests, one connection, one write.
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        int count = 40;
        for (int i = 0; i < count; i++) {
            Map<String, String> id = Map.of("client-request-id", "r" + i);
            all.writeBytes(switch (i % 4) {
                case 0 -> http.signed("GET", "/jobs/" + jobId + "/tasks?" + API, null, id);
                case 1 -> http.request("GET", "/pools?" + API, null, id, false);
                case 2 -> http.signed("GET", "/_emulator/stats?" + API, null, id);
                default -> http.signed("HEAD", "/pools/none?" + API, null, id);
            });
        }
        try (Socket socket = http.connect()) {
            socket.getOutputStream().write(all.toByteArray());
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            List<String> order = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                RawHttp.Response r = RawHttp.read(in); // HEAD answers carry Content-Length: 0
                order.add(r.headers().get("client-request-id"));
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add("r" + i);
            }
            assertThat(order).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void fiveThousandNestedParenthesesInAFilterAre400() throws Exception {
        String filter = "(".repeat(5000) + "id eq 'x'" + ")".repeat(5000);
        String path = "/jobs?" + API + "&$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
        RawHttp.Response response = http.exchange(http.signed("GET", path, null, Map.of()));
        assertThat(response.status()).isEqualTo(400);
        assertThat(body(response).get("code").asText()).isEqualTo("InvalidQueryParameterValue");
        assertThat(response.body()).contains("parentheses");
    }

    @Test
    void idleAndHalfSentConnectionsAreClosedAndConnectionsAreCapped() throws Exception {
        try (BatchEmulator limited = BatchEmulator.start(EmulatorSettings.defaults().idleTimeout(Duration.ofSeconds(2))
                .requestTimeout(Duration.ofSeconds(2)).maxConnections(4))) {
            RawHttp raw = new RawHttp(limited.url(), limited.accountName(), limited.accountKey());
            try (Socket idle = raw.connect()) {
                assertThat(listPools(raw, idle).status()).isEqualTo(200);
                assertThat(idle.getInputStream().read()).as("an idle keep-alive connection is closed").isEqualTo(-1);
            }
            try (Socket half = raw.connect()) {
                byte[] request = raw.signed("POST", "/jobs?" + API, "{\"id\":\"half\"}".getBytes(StandardCharsets.UTF_8),
                        Map.of());
                half.getOutputStream().write(request, 0, request.length - 5);
                assertThat(half.getInputStream().read()).as("a half-sent request is closed").isEqualTo(-1);
            }
            try (Socket dribble = raw.connect()) {
                // One byte of the request line every 300 ms: never idle for 2 s, yet never a whole request.
                long deadline = System.nanoTime() + WAIT.toNanos();
                boolean closed = false;
                while (!closed && System.nanoTime() < deadline) {
                    try {
                        dribble.getOutputStream().write('G');
                        dribble.getOutputStream().flush();
                        dribble.setSoTimeout(300);
                        closed = dribble.getInputStream().read() == -1;
                    } catch (java.net.SocketTimeoutException notYet) {
                        // still open
                    } catch (SocketException reset) {
                        closed = true;
                    }
                }
                assertThat(closed).as("a request dribbled byte by byte is closed").isTrue();
            }
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = raw.connect();
                    open.add(s);
                    assertThat(listPools(raw, s).status()).isEqualTo(200);
                }
                try (Socket fifth = raw.connect()) {
                    assertThat(fifth.getInputStream().read()).as("one over the cap is closed").isEqualTo(-1);
                }
                open.remove(0).close();
                assertThat(Await.until("a connection to be accepted again", WAIT, () -> {
                    try (Socket s = raw.connect()) {
                        return listPools(raw, s);
                    }
                }, r -> r != null && r.status() == 200).status()).isEqualTo(200);
            } finally {
                for (Socket s : open) {
                    s.close();
                }
            }
        }
    }

    private static Map<String, String> signedHeaders(String method, String path, int contentLength) {
        // Sign as the SDKs do, with Content-Length; the body follows separately.
        byte[] probe = http.request(method, path, null, Map.of("ocp-date", RawHttp.date(0),
                "Content-Type", "application/json; odata=minimalmetadata; charset=utf-8",
                "Content-Length", Integer.toString(contentLength)), true);
        Map<String, String> headers = new LinkedHashMap<>();
        String text = new String(probe, StandardCharsets.UTF_8);
        for (String line : text.substring(text.indexOf("\r\n") + 2, text.indexOf("\r\n\r\n")).split("\r\n")) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon), line.substring(colon + 2));
        }
        return headers;
    }

    private static RawHttp.Response listPools(Socket socket) throws IOException {
        return listPools(http, socket);
    }

    /** GET /pools on {@code socket}, signed for {@code raw}'s emulator. */
    private static RawHttp.Response listPools(RawHttp raw, Socket socket) throws IOException {
        socket.getOutputStream().write(raw.signed("GET", "/pools?" + API, null, Map.of()));
        socket.getOutputStream().flush();
        return RawHttp.read(socket.getInputStream());
    }

    private static JsonNode body(RawHttp.Response response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** Writes up to {@code bytes} zeros; true when the server closed the connection first. */
    private static boolean closedAfterSending(Socket socket, int bytes) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try {
            for (int sent = 0; sent < bytes; sent += chunk.length) {
                socket.getOutputStream().write(chunk);
            }
            socket.setSoTimeout((int) WAIT.toMillis());
            return socket.getInputStream().read() == -1;
        } catch (SocketException reset) {
            return true;
        }
    }
}
