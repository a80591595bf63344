package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import io.batchroutes.emulator.EmulatorSettings;
import io.batchroutes.app.local.AzuriteServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13 findings 1 and 16: another user on this host knows the published development keys and can list the
 * daemon's ports; with them they neither reach its emulator (which would run their commands as this user) nor
 * read its blobs. The data folder is this user's only, and the keys are on no command line.
 */
class LocalProfileSecurityIT {

    @TempDir
    Path home;

    @Test
    void publishedKeysOpenNothingAndTheDataFolderIsPrivate() throws Exception {
        try (JarDaemon daemon = JarDaemon.start(home, "secure", Map.of(), Map.of())) {
            daemon.drop("words.txt", "private words words\n");
            Await.until("the file's result", Duration.ofSeconds(90), () -> Files.exists(daemon.done("words.txt")));
            Path data = home.resolve(".batch-routes-secure");
            String batchKey = Files.readString(data.resolve("batch/account.key")).strip();
            String storageKey = Files.readString(data.resolve("azurite/account.key")).strip();
            assertThat(batchKey).isNotEqualTo(EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY).hasSizeGreaterThan(80);
            assertThat(storageKey).isNotEqualTo(AzuriteServer.KEY).isNotEqualTo(batchKey).hasSizeGreaterThan(80);

            String emulatorUrl = "http://127.0.0.1:" + Files.readString(data.resolve("batch.port")).strip();
            BatchClient attacker = BatchClient.open(new BatchSharedKeyCredentials(emulatorUrl,
                    EmulatorSettings.DEFAULT_ACCOUNT_NAME, EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY));
            assertThatThrownBy(() -> attacker.poolOperations().listPools())
                    .isInstanceOfSatisfying(BatchErrorException.class, e -> assertThat(e.response().code()).isEqualTo(403));
            BatchClient owner = BatchClient.open(new BatchSharedKeyCredentials(emulatorUrl,
                    EmulatorSettings.DEFAULT_ACCOUNT_NAME, batchKey));
            assertThat(owner.poolOperations().listPools()).extracting(CloudPool::id).contains("batchroutes-pool");

            String blobEndpoint = "http://127.0.0.1:" + Files.readString(data.resolve("azurite/azurite.port")).strip()
                    + "/" + AzuriteServer.ACCOUNT;
            assertThatThrownBy(() -> storage(blobEndpoint, AzuriteServer.KEY).getBlobContainerClient("batchroutes-app")
                    .listBlobs().stream().count())
                    .isInstanceOfSatisfying(BlobStorageException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
            assertThat(storage(blobEndpoint, storageKey).getBlobContainerClient("batchroutes-app").listBlobs().stream()
                    .count()).isPositive();

            // No key on any command line on this host (what ps shows of every user: /proc/<pid>/cmdline), the
            // daemon's and Azurite's included.
            StringBuilder processes = new StringBuilder();
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        processes.append(new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ')).append('\n');
                    } catch (IOException gone) {
                        // the process ended meanwhile
                    }
                }
            }
            assertThat(processes.toString()).contains("azurite").contains("batch-routes.jar")
                    .doesNotContain(batchKey).doesNotContain(storageKey);

            Await.until("the emulator's saved state", Duration.ofSeconds(30), () -> Files.exists(data.resolve("batch/state.json")));
            assertThat(mode(data)).isEqualTo("rwx------");
            for (Path file : List.of(data.resolve("batch/account.key"), data.resolve("azurite/account.key"),
                    data.resolve("batch/state.json"), data.resolve("batch.port"), data.resolve("azurite/azurite.log"))) {
                assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
            }
            // Azurite writes with umask 077: its database and blobs are private too.
            try (Stream<Path> azurite = Files.walk(data.resolve("azurite"))) {
                for (Path path : azurite.toList()) {
                    assertThat(mode(path)).as(path.toString()).endsWith("------");
                }
            }
        }
    }

    private static BlobServiceClient storage(String endpoint, String key) {
        return new BlobServiceClientBuilder().retryOptions(new RequestRetryOptions(null, 1, 10, null, null, null))
                .connectionString("DefaultEndpointsProtocol=http;AccountName=" + AzuriteServer.ACCOUNT + ";AccountKey="
                        + key + ";BlobEndpoint=" + endpoint + ";").buildClient();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
}
