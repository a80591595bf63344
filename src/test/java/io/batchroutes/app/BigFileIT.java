package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input four times the daemon's heap streams through: it is staged to blob storage in blocks read from the
 * file, never held in memory. (It failed before: the upload marked a buffered stream of the whole file for
 * retries, so every byte read stayed in the heap, and a 2 GiB input never got through under -Xmx128m.)
 */
class BigFileIT {

    // Few, long words per line: the node's word count stays quick while the file is big.
    private static final String LINE = "alpha beta beta gamma gamma gamma delta delta delta delta " + "p".repeat(199) + "\n";
    private static final int LINES = 1_100_000; // 271 MiB
    private static final String HEAP = "-Xmx64m";

    @TempDir
    Path home;

    @Test
    void anInputFourTimesTheHeapIsStagedAndProcessed() throws Exception {
        Path input = Files.createDirectories(home.resolve("InputFiles"));
        Path big = writeBigText(home.resolve("big.tmp"));
        assertThat(Files.size(big)).as("four times the heap").isGreaterThan(4L * (64 << 20));
        Files.move(big, input.resolve("big.txt"));
        Path log = home.resolve("daemon.log");

        Process daemon = TheJar.start(home, Map.of(), List.of(HEAP), log, "--once");
        try {
            Await.until("the one-shot run to end (or run out of memory)", Duration.ofMinutes(3),
                    () -> !daemon.isAlive() || read(log).contains("OutOfMemoryError"));
        } finally {
            if (daemon.isAlive()) {
                TheJar.kill(daemon);
            }
        }

        String output = read(log);
        assertThat(output).as("the daemon's output").doesNotContain("OutOfMemoryError");
        assertThat(daemon.exitValue()).as(output).isZero();
        assertThat(Files.readString(home.resolve("OutputFiles/big_OUTPUT.txt")))
                .isEqualTo("delta " + 4 * LINES + "\ngamma " + 3 * LINES + "\nbeta " + 2 * LINES + "\n");
        assertThat(input.resolve("done/big.txt")).exists();
    }

    private static Path writeBigText(Path target) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (int i = 0; i < LINES; i++) {
                out.write(LINE);
            }
        }
        return target;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
