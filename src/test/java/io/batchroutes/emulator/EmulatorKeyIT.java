package io.batchroutes.emulator;

import io.batchroutes.testsupport.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone emulator ({@code java -jar batch-routes.jar emulator}, as a user runs it) does not take the published
 * development key unless asked to: by default it makes a random key, keeps it in {@code <data-dir>/account.key}
 * (0600, the folder 0700) and says where in its ready line, never the key itself.
 */
class EmulatorKeyIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern READY = Pattern.compile("Batch emulator listening on (http://127\\.0\\.0\\.1:\\d+) account=(\\S+) key=(.+)");

    @TempDir
    Path dir;

    @Test
    void byDefaultARandomKeyKeptOwnerOnlyInTheDataFolderAndThePublishedKeyIsRefused() throws Exception {
        Path data = dir.resolve("data");
        try (Standalone emulator = Standalone.start(dir, List.of("--data-dir", data.toString()), Map.of())) {
            Path keyFile = data.resolve("account.key");
            assertThat(emulator.where).isEqualTo(keyFile.toAbsolutePath().toString());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            String key = Files.readString(keyFile).strip();
            assertThat(key).isNotEqualTo(EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY);

            assertThat(listPools(emulator, key).status()).isEqualTo(200);
            RawHttp.Response published = listPools(emulator, EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY);
            assertThat(published.status()).isEqualTo(403);
            assertThat(published.body()).contains("\"code\":\"AuthenticationFailed\"");
            assertThat(emulator.output()).doesNotContain(key);
        }
        String first = Files.readString(data.resolve("account.key"));
        try (Standalone again = Standalone.start(dir, List.of("--data-dir", data.toString()), Map.of())) {
            assertThat(Files.readString(data.resolve("account.key"))).as("a restart keeps the key").isEqualTo(first);
            assertThat(listPools(again, first.strip()).status()).isEqualTo(200);
        }
    }

    @Test
    void thePublishedKeyOnlyWithWellKnownKeyAndAGivenKeyFromTheEnvironment() throws Exception {
        try (Standalone demo = Standalone.start(dir, List.of("--well-known-key"), Map.of())) {
            assertThat(demo.where).isEqualTo("well-known");
            assertThat(listPools(demo, EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY).status()).isEqualTo(200);
        }
        String key = AccountKeys.random();
        try (Standalone given = Standalone.start(dir, List.of(), Map.of("BATCH_EMULATOR_KEY", key))) {
            assertThat(given.where).isEqualTo("given");
            assertThat(listPools(given, key).status()).isEqualTo(200);
            assertThat(listPools(given, EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY).status()).isEqualTo(403);
            assertThat(given.output()).doesNotContain(key);
        }
    }

    private static RawHttp.Response listPools(Standalone emulator, String key) throws IOException {
        RawHttp http = new RawHttp(emulator.url, emulator.account, key);
        return http.exchange(http.signed("GET", "/pools?api-version=2024-07-01.20.0", null, Map.of()));
    }

    /** {@code java -jar batch-routes.jar emulator --port 0 ...} with a clean BATCH_EMULATOR_* environment. */
    static final class Standalone implements AutoCloseable {
        final Process process;
        final Path log;
        String url;
        String account;
        String where;

        private Standalone(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Standalone start(Path dir, List<String> options, Map<String, String> env) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", System.getProperty("batchroutes.jar", "target/batch-routes.jar"), "emulator", "--port", "0"));
            command.addAll(options);
            Path log = Files.createTempFile(dir, "emulator-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("BATCH_EMULATOR_"));
            builder.environment().putAll(env);
            Standalone s = new Standalone(builder.start(), log);
            try {
                Matcher m = Await.until("the ready line", WAIT, () -> {
                    if (!s.process.isAlive()) {
                        throw new IllegalStateException("the emulator ended: " + s.output());
                    }
                    return s.output().lines().map(READY::matcher).filter(Matcher::matches).findFirst().orElse(null);
                }, found -> found != null);
                s.url = m.group(1);
                s.account = m.group(2);
                s.where = m.group(3);
            } catch (RuntimeException | Error e) {
                s.stop();
                throw e;
            }
            return s;
        }

        String output() throws IOException {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() {
            stop();
        }

        void stop() {
            process.destroy();
            boolean stopped;
            try {
                stopped = process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = false;
            }
            if (!stopped) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
