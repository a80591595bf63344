package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import io.batchroutes.app.folder.InputFolder;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a big input is being uploaded: the daemon exits cleanly within its shutdown timeout, and after a
 * restart on the same folders the file ends exactly once, with its result (nothing half-submitted is forgotten).
 * Either the upload finishes during the graceful shutdown (the file is then in flight and re-attached on the next
 * start) or, when it takes longer than the shutdown timeout, it is abandoned and the file is taken again.
 */
class SigtermMidUploadIT {

    // Few, long words per line: the node's word count stays quick while the file is big.
    private static final String LINE = "alpha beta beta gamma gamma gamma delta delta delta delta " + "p".repeat(199) + "\n";
    private static final int LINES = 2_000_000; // 492 MiB: a few seconds of upload on a 2-core machine
    private static final long UNDER_WAY = 16L << 20;
    private static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    // Azurite and the emulator are stopped after Camel's shutdown timeout.
    private static final Duration SERVICES_STOP = Duration.ofSeconds(20);

    @TempDir
    Path home;

    @Test
    void anUploadThatFinishesDuringTheShutdownIsCollectedAfterTheRestart() throws Exception {
        sigtermMidUploadThenRestart(List.of(), DEFAULT_SHUTDOWN_TIMEOUT, "sigterm-graceful-daemon.log");
    }

    @Test
    void anUploadLongerThanTheShutdownTimeoutIsTakenAgainAfterTheRestart() throws Exception {
        sigtermMidUploadThenRestart(List.of("-Dcamel.main.shutdown-timeout=1"), Duration.ofSeconds(1), "sigterm-forced-daemon.log");
    }

    private void sigtermMidUploadThenRestart(List<String> settings, Duration shutdownTimeout, String keptLog) throws Exception {
        Path log = home.resolve("daemon.log");
        try {
            sigtermMidUploadThenRestart(settings, shutdownTimeout, log);
        } finally {
            // Both runs' output, kept beside the jar for a look after the build.
            Path jar = Path.of(System.getProperty("batchroutes.jar", "target/batch-routes.jar"));
            Files.copy(log, jar.resolveSibling(keptLog), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void sigtermMidUploadThenRestart(List<String> settings, Duration shutdownTimeout, Path log) throws Exception {
        Path input = Files.createDirectories(home.resolve("InputFiles"));
        Path big = writeBigText(home.resolve("big.tmp"));

        Process first = TheJar.start(home, Map.of(), settings, log);
        try {
            Await.until("the daemon to be ready", Duration.ofSeconds(90), () -> count(log, "ready; watching") == 1);
            Files.move(big, input.resolve("big.txt"));
            // Blocks are reaching storage and the file is not yet claimed: the upload is under way.
            Await.until("the upload to be under way", Duration.ofSeconds(60),
                    () -> storedBytes() >= UNDER_WAY && Files.exists(input.resolve("big.txt")));
            first.destroy();
            assertThat(first.waitFor(shutdownTimeout.plus(SERVICES_STOP).toMillis(), TimeUnit.MILLISECONDS))
                    .as("stopped within its shutdown timeout").isTrue();
        } finally {
            if (first.isAlive()) {
                TheJar.kill(first);
            }
        }
        assertThat(first.exitValue()).as("ended by SIGTERM, cleanly: %s", read(log)).isIn(0, 128 + 15);
        assertThat(input.resolve("failed/big.txt")).as("a stop is no failure").doesNotExist();

        Process second = TheJar.start(home, Map.of(), List.of(), log);
        try {
            Await.until("the result after the restart", Duration.ofMinutes(3),
                    () -> Files.exists(home.resolve("OutputFiles/big_OUTPUT.txt")) && Files.exists(input.resolve("done/big.txt")));
            second.destroy();
            assertThat(second.waitFor(DEFAULT_SHUTDOWN_TIMEOUT.plus(SERVICES_STOP).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        } finally {
            if (second.isAlive()) {
                TheJar.kill(second);
            }
        }

        assertThat(Files.readString(home.resolve("OutputFiles/big_OUTPUT.txt")))
                .isEqualTo("delta " + 4 * LINES + "\ngamma " + 3 * LINES + "\nbeta " + 2 * LINES + "\n");
        assertThat(names(home.resolve("OutputFiles"))).containsExactly("big_OUTPUT.txt");
        assertThat(names(input)).isEmpty();
        assertThat(names(input.resolve(InputFolder.PROCESSING))).isEmpty();
        assertThat(names(input.resolve(InputFolder.FAILED))).isEmpty();
        assertThat(names(input.resolve(InputFolder.DONE))).containsExactly("big.txt");
        assertThat(count(log, "Result big_OUTPUT.txt for big.txt")).as("collected once: %s", read(log)).isEqualTo(1);
    }

    private static Path writeBigText(Path target) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                out.write(LINE);
            }
        }
        return target;
    }

    /** What Azurite holds on disk: it grows block by block while a file is being staged. */
    private long storedBytes() {
        try (Stream<Path> files = Files.walk(home.resolve(".batch-routes/azurite"))) {
            return files.filter(Files::isRegularFile).mapToLong(SigtermMidUploadIT::sizeOrZero).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // a file vanished during the walk: asked again on the next check
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static int count(Path log, String text) {
        return read(log).split(Pattern.quote(text), -1).length - 1;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).toList();
        }
    }
}
