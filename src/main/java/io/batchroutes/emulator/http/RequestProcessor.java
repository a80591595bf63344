package io.batchroutes.emulator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchroutes.emulator.handler.ApiRequest;
import io.batchroutes.emulator.handler.Reply;
import io.batchroutes.emulator.model.BatchErrorDetail;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.service.ApiVersion;
import io.batchroutes.emulator.service.BatchErrorCode;
import io.batchroutes.emulator.service.BatchServiceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one received request into one response, independent of Netty: admission (Host, SharedKey) on the headers,
 * fault injection, routing, OData shaping, and the single place where typed errors become the Batch error body.
 */
final class RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);
    static final String JSON_TYPE = "application/json;odata=minimalmetadata";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** A request as received. {@code header} is case-insensitive; {@code headerList} keeps every header. */
    record Incoming(String method, String uri, Function<String, String> header,
            List<Map.Entry<String, String>> headerList, byte[] body, String fallbackHost) {
    }

    /** A response to write: a byte body, or {@code length} bytes of {@code file} from {@code offset}. */
    record Outgoing(int status, Map<String, String> headers, byte[] body, Path file, long offset, long length) {
    }

    static final String STATS_PATH = "/_emulator/stats";

    private final LongAdder requests = new LongAdder();
    private final Map<String, LongAdder> requestsByMethod = new ConcurrentHashMap<>();
    private final HttpConfig config;
    private final SharedKeyAuthenticator auth;
    private final Router router;

    RequestProcessor(HttpConfig config, Router router) {
        this.config = config;
        this.auth = new SharedKeyAuthenticator(config.accountName(), config.accountKey(), config.lenientAuth(),
                java.time.Clock.systemUTC());
        this.router = router;
    }

    /** The request target split as signed: the raw path (without any scheme and authority) and the raw query. */
    record Target(String rawPath, String rawQuery) {
        static Target of(String uri) {
            if (uri.startsWith("http://") || uri.startsWith("https://")) {
                int slash = uri.indexOf('/', uri.indexOf("//") + 2);
                uri = slash < 0 ? "/" : uri.substring(slash);
            }
            int q = uri.indexOf('?');
            return new Target(q < 0 ? uri : uri.substring(0, q), q < 0 ? "" : uri.substring(q + 1));
        }
    }

    /**
     * Decides on the headers alone, before any body is read, whether a request may go on: its {@code Host} names this
     * server (a loopback name or the bound address, so a web page the user visits cannot reach it through DNS
     * rebinding) and it is signed with this account's key within the date window. Null when admitted, else the answer.
     */
    Outgoing admit(String method, String uri, Function<String, String> header,
            List<Map.Entry<String, String>> headerList, String fallbackHost) {
        Target target = Target.of(uri);
        String host = header.apply("Host");
        if (host != null && !LoopbackHost.accepts(host, config.bindAddress())) {
            LOG.info("{} {}: refused, Host {} is not this server", method, target.rawPath(), LoopbackHost.printable(host));
            return finish(error(BatchErrorCode.INVALID_HEADER_VALUE, "The Host header does not name this server.",
                    List.of(detail("HeaderName", "Host")), newRequestId(), "http://" + fallbackHost, method), header);
        }
        String failure = auth.check(method, target.rawPath(), target.rawQuery(), header, headerList);
        if (failure != null) {
            LOG.info("{} {}: SharedKey authentication failed: {}", method, target.rawPath(), failure);
            return finish(error(BatchErrorCode.AUTHENTICATION_FAILED, BatchErrorCode.AUTHENTICATION_FAILED.message(),
                    List.of(detail("AuthenticationErrorDetail", failure)), newRequestId(), baseUrl(header, fallbackHost),
                    method), header);
        }
        return null;
    }

    /** 413 {@code RequestBodyTooLarge} with the limit, as the service answers a body over it. */
    Outgoing tooLarge(String method, Function<String, String> header, String fallbackHost, int maxBytes) {
        return finish(error(BatchErrorCode.REQUEST_BODY_TOO_LARGE, BatchErrorCode.REQUEST_BODY_TOO_LARGE.message(),
                List.of(detail("MaxLimit", Integer.toString(maxBytes))), newRequestId(), baseUrl(header, fallbackHost),
                method), header);
    }

    /** Answers an admitted request ({@link #admit}); never throws: whatever goes wrong is a 500 with the Batch body. */
    Outgoing process(Incoming in) {
        String requestId = newRequestId();
        Target target = Target.of(in.uri());
        String baseUrl = baseUrl(in.header(), in.fallbackHost());
        Outgoing out;
        try {
            out = handle(in, target.rawPath(), target.rawQuery(), baseUrl);
        } catch (BatchServiceException e) {
            out = error(e.error(), e.getMessage(), e.values(), requestId, baseUrl, in.method());
        } catch (Throwable e) { // an Error too (a StackOverflowError, an OutOfMemoryError): the thread answers on
            LOG.error("{} {} failed", in.method(), target.rawPath(), e);
            out = error(BatchErrorCode.INTERNAL_ERROR, BatchErrorCode.INTERNAL_ERROR.message(), List.of(), requestId,
                    baseUrl, in.method());
        }
        out.headers().put("request-id", requestId);
        finish(out, in.header());
        if (!config.latency().isZero()) {
            try {
                Thread.sleep(config.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.debug("{} {} -> {}", in.method(), target.rawPath(), out.status());
        return out;
    }

    private static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    private static String baseUrl(Function<String, String> header, String fallbackHost) {
        String host = header.apply("Host");
        return "http://" + (host == null || host.isBlank() ? fallbackHost : host);
    }

    private static BatchErrorDetail detail(String key, String value) {
        BatchErrorDetail d = new BatchErrorDetail();
        d.key = key;
        d.value = value;
        return d;
    }

    /** The headers every answer carries. */
    private static Outgoing finish(Outgoing out, Function<String, String> header) {
        out.headers().putIfAbsent("request-id", newRequestId());
        String clientRequestId = header.apply("client-request-id");
        if (clientRequestId != null) {
            out.headers().put("client-request-id", clientRequestId);
        }
        out.headers().put("DataServiceVersion", "3.0");
        out.headers().put("X-Content-Type-Options", "nosniff");
        out.headers().put("Server", "Batch-Emulator");
        return out;
    }

    private Outgoing handle(Incoming in, String rawPath, String rawQuery, String baseUrl) {
        if (in.method().equals("GET") && rawPath.equals(STATS_PATH)) {
            return stats();
        }
        requests.increment();
        requestsByMethod.computeIfAbsent(in.method(), m -> new LongAdder()).increment();
        if (config.faultRate() > 0 && (config.faultPath() == null || rawPath.contains(config.faultPath()))
                && ThreadLocalRandom.current().nextDouble() < config.faultRate()) {
            BatchErrorCode fault = config.faultStatus() == 429 ? BatchErrorCode.TOO_MANY_REQUESTS
                    : BatchErrorCode.SERVER_BUSY;
            LOG.warn("fault injection: {} {} answered {}", in.method(), rawPath, fault.status());
            throw fault.exception();
        }
        QueryString query = QueryString.parse(rawQuery);
        Map<String, String> params = query.asMap();
        ApiVersion.of(params.get("api-version"));
        Router.Match match = router.match(in.method(), rawPath);
        if (match == null) {
            throw BatchErrorCode.NOT_IMPLEMENTED.exceptionWithMessage("The Batch emulator does not implement "
                    + in.method() + " " + rawPath + ".", "Method", in.method(), "Path", rawPath);
        }
        ApiRequest request = new ApiRequest(in.method(), match.params(), params, in.header(), in.body(),
                entitySet -> ODataResponses.listQuery(entitySet, params));
        Reply reply = match.handler().apply(request);
        return render(reply, in.method(), rawPath, query, baseUrl);
    }

    /**
     * Outside the Batch API but signed like it (it tells where the emulator is): how many authenticated API requests
     * were served, so benchmarks can count calls per task at the service, as Azure's metrics would. Not counted itself.
     */
    private Outgoing stats() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requests", requests.sum());
        Map<String, Long> byMethod = new TreeMap<>();
        requestsByMethod.forEach((method, count) -> byMethod.put(method, count.sum()));
        body.put("byMethod", byMethod);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        return new Outgoing(200, headers, json(body), null, 0, 0);
    }

    private Outgoing render(Reply reply, String method, String rawPath, QueryString query, String baseUrl) {
        Map<String, String> headers = new LinkedHashMap<>(reply.headers);
        Map<String, String> params = query.asMap();
        byte[] body = switch (reply.kind) {
            case EMPTY -> new byte[0];
            case ENTITY -> json(ODataResponses.entity(reply.body, reply.entitySet, baseUrl, params.get("$select")));
            case LIST -> json(reply.nextSkip != null
                    ? ODataResponses.page((List<?>) reply.body, reply.entitySet, baseUrl, params,
                            nextLinkBase(baseUrl, rawPath, query), reply.nextSkip)
                    : ODataResponses.list((List<?>) reply.body, reply.entitySet, baseUrl, params,
                            nextLinkBase(baseUrl, rawPath, query)));
            case JSON -> json(reply.body);
            case FILE -> null;
        };
        if (reply.kind == Reply.Kind.FILE) {
            return fileBody(reply, headers, method);
        }
        if (reply.kind != Reply.Kind.EMPTY) {
            headers.put("Content-Type", JSON_TYPE);
        }
        if (method.equals("HEAD")) {
            headers.putIfAbsent("Content-Length", "0");
            return new Outgoing(reply.status, headers, new byte[0], null, 0, 0);
        }
        return new Outgoing(reply.status, headers, body, null, 0, 0);
    }

    private static Outgoing fileBody(Reply reply, Map<String, String> headers, String method) {
        long size;
        try {
            size = Files.size(reply.file);
        } catch (IOException e) {
            throw BatchErrorCode.FILE_NOT_FOUND.exception();
        }
        long offset = 0;
        long length = size;
        if (reply.range != null) {
            Matcher m = RANGE.matcher(reply.range.trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                throw BatchErrorCode.INVALID_QUERY_PARAMETER_VALUE.exceptionWithMessage("Invalid ocp-range header.",
                        "HeaderName", "ocp-range", "HeaderValue", reply.range);
            }
            if (m.group(1).isEmpty()) {
                length = Math.min(size, Long.parseLong(m.group(2)));
                offset = size - length;
            } else {
                offset = Math.min(size, Long.parseLong(m.group(1)));
                long last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                length = Math.max(0, last - offset + 1);
            }
        }
        headers.put("Content-Length", Long.toString(length));
        if (method.equals("HEAD")) {
            return new Outgoing(reply.status, headers, new byte[0], null, 0, 0);
        }
        return new Outgoing(reply.status, headers, null, reply.file, offset, length);
    }

    private static String nextLinkBase(String baseUrl, String rawPath, QueryString query) {
        StringBuilder sb = new StringBuilder(baseUrl).append(rawPath).append('?');
        for (QueryString.Param p : query.params()) {
            if (!p.key().equals(ODataResponses.SKIP_TOKEN)) {
                sb.append(p.raw()).append('&');
            }
        }
        return sb.toString();
    }

    private static byte[] json(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Batch error body; HEAD responses carry none. */
    static Outgoing error(BatchErrorCode code, String message, List<?> values, String requestId, String baseUrl,
            String method) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (code == BatchErrorCode.SERVER_BUSY || code == BatchErrorCode.TOO_MANY_REQUESTS) {
            headers.put("Retry-After", "1");
        }
        if (method.equals("HEAD")) {
            headers.put("Content-Length", "0");
            return new Outgoing(code.status(), headers, new byte[0], null, 0, 0);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("odata.metadata", ODataResponses.metadata(baseUrl,
                "Microsoft.Azure.Batch.Protocol.Entities.Container.errors/@Element"));
        body.put("code", code.code());
        ObjectNode msg = body.putObject("message");
        msg.put("lang", "en-US");
        msg.put("value", message + "\nRequestId:" + requestId + "\nTime:" + Instant.now());
        if (!values.isEmpty()) {
            body.set("values", Json.MAPPER.valueToTree(values));
        }
        headers.put("Content-Type", JSON_TYPE);
        return new Outgoing(code.status(), headers, body.toString().getBytes(StandardCharsets.UTF_8), null, 0, 0);
    }
}
