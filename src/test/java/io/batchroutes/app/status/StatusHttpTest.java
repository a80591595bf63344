package io.batchroutes.app.status;

import io.batchroutes.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The page's HTTP routes on a real Vert.x router (as on the management server): token, JSON, assets, results. */
class StatusHttpTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock();
    private final RecentFiles files = new RecentFiles(10, clock, name -> "topwords");
    private String base;

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void serve(String token) throws Exception {
        FakeBatch batch = new FakeBatch();
        SharedSnapshot snapshot = new SharedSnapshot(batch, files, (n, s) -> Optional.empty(), "p", "j",
                Duration.ofSeconds(2), clock, new AtomicLong());
        OutputFollower output = new OutputFollower(batch, files::hasTaskEnded, Duration.ofSeconds(30), clock,
                new AtomicLong());
        Router router = Router.router(vertx);
        new StatusHttp(snapshot, output, files, token).register(router);
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + server.actualPort();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withATokenEveryRequestMustCarryIt() throws Exception {
        serve("s3cret");
        assertThat(get("/status").statusCode()).isEqualTo(401);
        assertThat(get("/status/api?token=wrong").statusCode()).isEqualTo(401);
        assertThat(get("/status/assets/app.js").statusCode()).isEqualTo(401);
        assertThat(get("/status/api?token=s3cret").statusCode()).isEqualTo(200);
        assertThat(get("/status/api", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
        assertThat(get("/status?token=s3cret").body()).contains("<title>batch-routes");
    }

    @Test
    void thePageItsAssetsAndTheJsonAreServedFromTheJar() throws Exception {
        serve("");
        assertThat(get("/status").headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(get("/status/assets/style.css").body()).contains(".node-cell");
        assertThat(get("/status/assets/app.js").body()).contains("textContent");
        assertThat(get("/status/assets/..%2F..%2Fapplication.properties").statusCode()).isEqualTo(404);
        HttpResponse<String> api = get("/status/api");
        assertThat(api.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(api.body()).contains("\"category\":\"starttaskfailed\"").contains("\"takenAt\":\"2026-12-01T10:00:00Z\"");
        assertThat(get("/").statusCode()).as("/ redirects to the page").isEqualTo(302);
    }

    @Test
    void onlyRecordedResultsAndKnownTasksAreServed() throws Exception {
        Path result = Files.writeString(dir.resolve("a_OUTPUT.txt"), "the 3\n");
        files.staged("t1", "a.txt");
        files.finished("t1", "a.txt", true, null, null, null, null, List.of(result));
        serve("");
        assertThat(get("/status/result/t1/0").body()).isEqualTo("the 3\n");
        assertThat(get("/status/result/t1/1").statusCode()).isEqualTo(404);
        assertThat(get("/status/result/t2/0").statusCode()).isEqualTo(404);
        assertThat(get("/status/api/output?task=unknown").statusCode()).isEqualTo(404);
        assertThat(get("/status/api/output?task=t1&stream=..%2Fsecrets").statusCode()).isEqualTo(400);
        assertThat(get("/status/api/output?task=t1&stream=stdout.txt").body()).contains("\"ended\":true");
    }
}
