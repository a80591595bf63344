package io.batchroutes.app.status;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The page's HTTP side on Camel's management server (its Vert.x router): {@code /status} (the page and its assets,
 * packaged in the jar), {@code /status/api} (the shared snapshot as JSON), {@code /status/api/output} (a followed
 * task's output) and {@code /status/result/<task>/<n>} (a result file this daemon wrote). With a token configured,
 * every request must carry it ({@code ?token=}, or {@code Authorization: Bearer}).
 */
final class StatusHttp {

    static final String BASE = "/status";
    private static final Map<String, String> ASSETS = Map.of("app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8", "favicon.svg", "image/svg+xml");

    private final SharedSnapshot snapshot;
    private final OutputFollower output;
    private final RecentFiles files;
    private final byte[] token;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    StatusHttp(SharedSnapshot snapshot, OutputFollower output, RecentFiles files, String token) {
        this.snapshot = snapshot;
        this.output = output;
        this.files = files;
        this.token = token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** Adds the routes; blocking handlers, since a snapshot may have to be refreshed first. */
    void register(Router router) {
        router.route("/").method(HttpMethod.GET).handler(ctx -> ctx.redirect(BASE + query(ctx)));
        router.route(BASE).method(HttpMethod.GET).blockingHandler(guarded(this::page), false);
        router.route(BASE + "/").method(HttpMethod.GET).blockingHandler(guarded(this::page), false);
        router.route(BASE + "/assets/:name").method(HttpMethod.GET).blockingHandler(guarded(this::asset), false);
        router.route(BASE + "/api").method(HttpMethod.GET).blockingHandler(guarded(this::api), false);
        router.route(BASE + "/api/output").method(HttpMethod.GET).blockingHandler(guarded(this::output), false);
        router.route(BASE + "/result/:task/:index").method(HttpMethod.GET).blockingHandler(guarded(this::result), false);
    }

    private interface Handler {
        void handle(RoutingContext ctx) throws Exception;
    }

    private io.vertx.core.Handler<RoutingContext> guarded(Handler handler) {
        return ctx -> {
            try {
                if (!authorized(ctx)) {
                    text(ctx, 401, "a token is needed: add ?token=... (batchroutes.status.token)");
                    return;
                }
                handler.handle(ctx);
            } catch (IllegalArgumentException e) {
                text(ctx, 400, e.getMessage());
            } catch (Exception e) {
                text(ctx, 500, e.getClass().getSimpleName());
            }
        };
    }

    private boolean authorized(RoutingContext ctx) {
        if (token == null) {
            return true;
        }
        String given = ctx.request().getParam("token");
        String header = ctx.request().getHeader("Authorization");
        if (given == null && header != null && header.startsWith("Bearer ")) {
            given = header.substring("Bearer ".length()).strip();
        }
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private void page(RoutingContext ctx) throws IOException {
        send(ctx, 200, "text/html; charset=utf-8", resource("index.html"));
    }

    private void asset(RoutingContext ctx) throws IOException {
        String name = ctx.pathParam("name");
        String type = ASSETS.get(name);
        if (type == null) {
            text(ctx, 404, "no such asset");
            return;
        }
        send(ctx, 200, type, resource(name));
    }

    private void api(RoutingContext ctx) throws IOException {
        send(ctx, 200, "application/json", json.writeValueAsBytes(snapshot.view()));
    }

    private void output(RoutingContext ctx) throws IOException {
        String task = ctx.request().getParam("task");
        if (task == null || !files.isKnown(task)) {
            text(ctx, 404, "not a task of a recent file");
            return;
        }
        String stream = Optional.ofNullable(ctx.request().getParam("stream")).orElse("stdout.txt");
        long from = parseLong(ctx.request().getParam("from"));
        snapshot.view(); // following counts as looking: the task's state stays fresh
        send(ctx, 200, "application/json", json.writeValueAsBytes(output.view(task, stream, from)));
    }

    private void result(RoutingContext ctx) {
        int index = (int) parseLong(ctx.pathParam("index"));
        Optional<Path> file = files.result(ctx.pathParam("task"), index).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            text(ctx, 404, "no such result (moved or not collected here)");
            return;
        }
        ctx.response().putHeader("Content-Disposition", "inline; filename=\"" + asciiName(file.get()) + "\"");
        ctx.response().putHeader("X-Content-Type-Options", "nosniff");
        ctx.response().sendFile(file.get().toString());
    }

    private static String asciiName(Path file) {
        return file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static long parseLong(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text);
        }
    }

    private static String query(RoutingContext ctx) {
        String query = ctx.request().query();
        return query == null || query.isEmpty() ? "" : "?" + query;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StatusHttp.class.getResourceAsStream("/status/" + name)) {
            if (in == null) {
                throw new IOException("status/" + name + " is not in the jar");
            }
            return in.readAllBytes();
        }
    }

    private static void send(RoutingContext ctx, int status, String type, byte[] body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", type).putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(body));
    }

    private static void text(RoutingContext ctx, int status, String message) {
        send(ctx, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
