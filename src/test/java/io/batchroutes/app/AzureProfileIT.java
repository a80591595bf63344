package io.batchroutes.app;

import io.batchroutes.app.local.AzuriteServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.batchroutes.emulator.BatchEmulator;
import io.batchroutes.emulator.EmulatorSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The azure profile: the jar reaches Batch and storage through configuration alone (environment variables, as an
 * operator would set them), here pointed at a standalone emulator and Azurite. Wrong credentials stop it at start
 * with one clear line that holds no secret.
 */
class AzureProfileIT {

    @TempDir
    static Path services;
    private static AzuriteServer azurite;
    private static BatchEmulator emulator;

    @TempDir
    Path home;

    @BeforeAll
    static void startServices() throws IOException {
        azurite = AzuriteServer.start(Path.of(System.getProperty("azurite.home", ".")), services.resolve("azurite"), Duration.ofSeconds(60));
        emulator = BatchEmulator.start(EmulatorSettings.defaults().dataDir(services.resolve("batch")));
    }

    @AfterAll
    static void stopServices() {
        if (emulator != null) {
            emulator.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void runsOnceAgainstConfiguredServices() throws Exception {
        Files.createDirectories(home.resolve("InputFiles"));
        Files.writeString(home.resolve("InputFiles/remote.txt"), "far far away\n");

        TheJar.Result result = runJar(emulator.accountKey(), "--once");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.readString(home.resolve("OutputFiles/remote_OUTPUT.txt"))).isEqualTo("far 2\naway 1\n");
        assertThat(result.output()).doesNotContain(emulator.accountKey()).doesNotContain(AzuriteServer.KEY);
        assertThat(home.resolve(".batch-routes")).as("no local services in the azure profile").doesNotExist();
    }

    @Test
    void wrongCredentialsStopItAtStartWithOneLine() throws Exception {
        String wrongKey = "d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ==";
        Files.createDirectories(home.resolve("InputFiles"));
        Files.writeString(home.resolve("InputFiles/waiting.txt"), "untouched\n");

        TheJar.Result result = runJar(wrongKey);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output().lines().filter(l -> l.startsWith("batch-routes: cannot start: "))).singleElement().asString()
                .contains("403").contains("AuthenticationFailed").contains("check batchroutes.batch.account-name");
        assertThat(result.output()).doesNotContain(wrongKey).doesNotContain(AzuriteServer.KEY);
        assertThat(home.resolve("InputFiles/waiting.txt")).exists();
    }

    private TheJar.Result runJar(String batchKey, String... args) throws IOException, InterruptedException {
        return TheJar.run(home, Map.of(
                "BATCHROUTES_PROFILE", "azure",
                "BATCHROUTES_BATCH_ACCOUNT_URL", emulator.url(),
                "BATCHROUTES_BATCH_ACCOUNT_NAME", emulator.accountName(),
                "BATCHROUTES_BATCH_ACCOUNT_KEY", batchKey,
                "BATCHROUTES_STORAGE_CONNECTION_STRING", azurite.connectionString()), List.of(), args);
    }
}
