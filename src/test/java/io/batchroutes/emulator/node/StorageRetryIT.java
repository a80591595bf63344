package io.batchroutes.emulator.node;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.sun.net.httpserver.HttpServer;
import io.batchroutes.app.local.AzuriteServer;
import io.batchroutes.emulator.model.OutputFile;
import io.batchroutes.emulator.model.OutputFileBlobContainerDestination;
import io.batchroutes.emulator.model.OutputFileDestination;
import io.batchroutes.emulator.model.ResourceFile;
import io.batchroutes.emulator.model.TaskFailureInformation;
import io.batchroutes.testsupport.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node agent retries its own storage transfers as Batch's does: a resource file whose server answers 503 a few
 * times, and an output file uploaded while Azurite is down and coming back, both succeed; a 404 fails at once with the
 * service's code. Real servers: a small HTTP server that answers 503 N times, and Azurite stopped and started again.
 */
class StorageRetryIT {

    /** Short delays so the test takes seconds; the budget is the production one. */
    private final StorageRetry retry = new StorageRetry(StorageRetry.DEFAULT_BUDGET, Duration.ofMillis(50), Duration.ofSeconds(1));
    private final BlobHttp http = new BlobHttp();
    private HttpServer server;

    @TempDir
    Path dir;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers {@code failures} times with {@code status}, then 200 with "payload"; counts the requests. */
    private String serve(int status, int failures, AtomicInteger requests) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/input.txt", exchange -> {
            int n = requests.incrementAndGet();
            byte[] body = (n <= failures ? "busy" : "payload").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(n <= failures ? status : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/input.txt?sv=2023&sig=secret";
    }

    private static ResourceFile resource(String url) {
        ResourceFile rf = new ResourceFile();
        rf.httpUrl = url;
        rf.filePath = "input.txt";
        return rf;
    }

    @Test
    void aResourceFileWhoseStorageAnswers503ForAWhileIsDownloaded() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        String url = serve(503, 3, requests);

        TaskFailureInformation failure = new ResourceFileDownloader(http, retry).download(resource(url), dir, "test");

        assertThat(failure).isNull();
        assertThat(requests).hasValue(4);
        assertThat(Files.readString(dir.resolve("input.txt"))).isEqualTo("payload");
        assertThat(dir.resolve("input.txt.part")).doesNotExist();
    }

    @Test
    void aMissingResourceFileFailsAtOnceWithBlobNotFound() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        String url = serve(404, Integer.MAX_VALUE, requests);

        TaskFailureInformation failure = new ResourceFileDownloader(http, retry).download(resource(url), dir, "test");

        assertThat(failure.code).isEqualTo("BlobNotFound");
        assertThat(requests).as("a 404 is not asked again").hasValue(1);
    }

    @Test
    void storageThatNeverRecoversFailsWithTheSameCodeAsBefore() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        String url = serve(503, Integer.MAX_VALUE, requests);
        StorageRetry quick = new StorageRetry(Duration.ofMillis(400), Duration.ofMillis(50), Duration.ofMillis(100));

        TaskFailureInformation failure = new ResourceFileDownloader(http, quick).download(resource(url), dir, "test");

        assertThat(failure.code).isEqualTo("BlobDownloadMiscError");
        assertThat(requests.get()).as("tried within the budget, then given up").isBetween(2, 10);
        assertThat(dir.resolve("input.txt")).doesNotExist();
    }

    @Test
    void anOutputFileUploadedWhileAzuriteRestartsArrives() throws Exception {
        Path home = Path.of(System.getProperty("azurite.home", "."));
        Path data = dir.resolve("azurite");
        AzuriteServer azurite = AzuriteServer.start(home, data, Duration.ofSeconds(60));
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .buildClient().createBlobContainer("results");
        String sas = container.generateSas(new BlobServiceSasSignatureValues(OffsetDateTime.now().plusHours(1),
                new BlobContainerSasPermission().setWritePermission(true).setCreatePermission(true)));
        Path wd = Files.createDirectories(dir.resolve("wd"));
        Files.writeString(wd.resolve("result.txt"), "made during an outage");
        azurite.close();

        CompletableFuture<TaskFailureInformation> upload = CompletableFuture.supplyAsync(() -> new OutputFileUploader(retry,
                new BlobPut(http)).upload(List.of(output(container.getBlobContainerUrl() + "?" + sas)), wd, true, "test"));
        Await.until("the upload was refused and is being tried again", Duration.ofSeconds(30), () -> retry.retried() > 0);
        AzuriteServer again = AzuriteServer.start(home, data, Duration.ofSeconds(60));
        try {
            assertThat(upload.get(60, TimeUnit.SECONDS)).isNull();
            assertThat(container.getBlobClient("out/result.txt").downloadContent().toString()).isEqualTo("made during an outage");
        } finally {
            again.close();
        }
    }

    private static OutputFile output(String containerUrl) {
        OutputFile of = new OutputFile();
        of.filePattern = "result.txt";
        of.destination = new OutputFileDestination();
        of.destination.container = new OutputFileBlobContainerDestination();
        of.destination.container.containerUrl = containerUrl;
        of.destination.container.path = "out/result.txt";
        return of;
    }
}
