package io.batchroutes.app;

import io.batchroutes.app.local.AzuriteServer;
import io.batchroutes.emulator.BatchEmulator;
import io.batchroutes.emulator.EmulatorSettings;
import io.batchroutes.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, "retry budgets one layer deep": Batch calls are retried by the routes' redelivery only (the daemon's
 * component tries each call once), so an outage costs {@code retries + 1} calls, not {@code (retries + 1) x 4}, and a
 * file fails after the routes' budget, not four times it. Run with {@code -Dbatchoutage.retries=10} (the default
 * budget) to measure the times docs/security.md quotes; the default here (2) keeps the test short.
 */
class BatchOutageIT {

    private static final int RETRIES = Integer.getInteger("batchoutage.retries", 2);

    @TempDir
    Path home;

    @Test
    void persistentServerBusyOnSubmissionIsSentExactlyRetriesPlusOneTimes() throws Exception {
        Map<String, String> busy = Map.of("BATCH_EMULATOR_FAULT_RATE", "1", "BATCH_EMULATOR_FAULT_PATH", "addtaskcollection");
        try (JarDaemon daemon = JarDaemon.start(home, "batch-busy", busy, Map.of("batchroutes.ingest.retries", "" + RETRIES))) {
            long dropped = System.nanoTime();
            daemon.drop("refused.txt", "never submitted\n");

            Await.until("the file failed", Duration.ofSeconds(60 + 12L * RETRIES), () -> Files.exists(daemon.failed("refused.txt")));
            long millis = (System.nanoTime() - dropped) / 1_000_000;
            System.out.printf("BatchOutageIT: 503 on every submission, %d retries: the file failed after %d ms%n", RETRIES, millis);

            assertThat(daemon.count("fault injection: POST")).as("calls that reached Batch:\n" + daemon.logText())
                    .isEqualTo(RETRIES + 1);
            assertThat(daemon.logText()).doesNotContain("retry 1/");
            assertThat(Files.readString(daemon.reason("refused.txt"))).contains("ServerBusy");
        }
    }

    @Test
    void batchRefusingConnectionsFailsAFileAfterTheRoutesBudget() throws Exception {
        try (AzuriteServer azurite = AzuriteServer.start(Path.of(System.getProperty("azurite.home", ".")),
                home.resolve("services/azurite"), Duration.ofSeconds(60))) {
            BatchEmulator emulator = BatchEmulator.start(EmulatorSettings.defaults().dataDir(home.resolve("services/batch")));
            Map<String, String> azure = Map.of(
                    "BATCHROUTES_PROFILE", "azure",
                    "BATCHROUTES_BATCH_ACCOUNT_URL", emulator.url(),
                    "BATCHROUTES_BATCH_ACCOUNT_NAME", emulator.accountName(),
                    "BATCHROUTES_BATCH_ACCOUNT_KEY", emulator.accountKey(),
                    "BATCHROUTES_STORAGE_CONNECTION_STRING", azurite.connectionString());
            try (JarDaemon daemon = JarDaemon.start(home, "batch-gone", azure, Map.of("batchroutes.ingest.retries", "" + RETRIES))) {
                emulator.close(); // nothing listens on its port any more: every call is refused at once
                long dropped = System.nanoTime();
                daemon.drop("unreachable.txt", "Batch is gone\n");

                Await.until("the file failed", Duration.ofSeconds(60 + 12L * RETRIES),
                        () -> Files.exists(daemon.failed("unreachable.txt")));
                long millis = (System.nanoTime() - dropped) / 1_000_000;
                System.out.printf("BatchOutageIT: Batch refusing connections, %d retries: the file failed after %d ms%n",
                        RETRIES, millis);

                assertThat(Files.readString(daemon.reason("unreachable.txt"))).contains("ConnectException")
                        .contains("The task could not be submitted.").doesNotContain("Batch refused the task");
                assertThat(daemon.logText()).doesNotContain("retry 1/");
                // Redelivery waits 1 s, 2 s, 4 s ...: with one layer the file cannot fail before the routes' budget.
                assertThat(millis).isGreaterThanOrEqualTo(budgetMillis(RETRIES) / 2);
            }
        }
    }

    /** The routes' waits: 1 s doubling, at most 10 s apart. */
    private static long budgetMillis(int retries) {
        long total = 0;
        for (int i = 0; i < retries; i++) {
            total += Math.min(10_000, 1000L << i);
        }
        return total;
    }
}
