package io.batchroutes.app;

import io.batchroutes.app.local.AzuriteServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.batchroutes.emulator.EmulatorSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets stay secret: after a run with a success, a failure and a task that dumps its environment, neither
 * account key nor any SAS signature appears in anything the daemon wrote or printed, nor in what tasks saw.
 * (The emulator's own state file and Azurite's database hold task definitions, as the real services do, and are
 * not what this checks.)
 */
class SecretsIT {

    @TempDir
    Path home;

    @Test
    void noKeyNoSignatureInLogsResultsReasonsOrTaskEnvironments() throws Exception {
        Path input = Files.createDirectories(home.resolve("InputFiles"));
        Files.writeString(input.resolve("fine.txt"), "fine words\n");
        Files.writeString(input.resolve("broken.mp4"), "not a video");
        Files.writeString(input.resolve("dump.env"), "");

        TheJar.Result run = TheJar.run(home, Map.of(), List.of(
                "-Dbatchroutes.work-types=ffmpeg,topwords,env",
                "-Dbatchroutes.work-type.env.extensions=env",
                "-Dbatchroutes.work-type.env.command=env",
                "-Dbatchroutes.work-type.env.outputs=../stdout.txt",
                "-Dbatchroutes.work-type.env.output-name={stem}.environment.txt"), "--once");
        String printed = run.output();
        assertThat(printed).contains("Processed 3 file(s): 2 succeeded, 1 failed");
        assertThat(Files.readString(home.resolve("OutputFiles/dump.environment.txt"))).contains("AZ_BATCH_TASK_ID=");

        List<String> texts = new ArrayList<>(List.of(printed));
        for (Path file : writtenByDaemonOrTasks()) {
            texts.add(Files.readString(file, StandardCharsets.ISO_8859_1));
        }
        assertThat(texts.size()).isGreaterThan(8);
        // The local profile's own random keys (issue 13): only in their 0600 key files.
        String batchKey = Files.readString(home.resolve(".batch-routes/batch/account.key")).strip();
        String storageKey = Files.readString(home.resolve(".batch-routes/azurite/account.key")).strip();
        for (String text : texts) {
            assertThat(text).doesNotContain(EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY).doesNotContain(AzuriteServer.KEY)
                    .doesNotContain(batchKey).doesNotContain(storageKey)
                    .doesNotContain("sig=").doesNotContain("sig%3D");
        }
    }

    /** The folders, results, reasons and every task's stdout/stderr; not the services' own databases. */
    private List<Path> writtenByDaemonOrTasks() throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().contains("/.batch-routes/azurite/"))
                    .filter(p -> !p.getFileName().toString().startsWith("state.json"))
                    .filter(p -> !p.getFileName().toString().equals("account.key"))
                    .toList();
        }
    }
}
