package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partial-write safety, the way a careless user writes: straight into the watched folder, a piece at a time. A file is
 * taken only once its last modification is batchroutes.input.stable-millis ago, whatever the check interval
 * (batchroutes.input.stable-check-millis, 25 ms here, far shorter than the writer's pauses): it stays in the input
 * folder while it is written, and its result is the whole file's.
 */
class PartialWriteIT {

    private static final Duration STABLE = Duration.ofMillis(2000);
    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final int PIECES = 15;

    @TempDir
    Path home;

    @Test
    void aFileStillBeingWrittenIsNeverTaken() throws Exception {
        try (JarDaemon daemon = JarDaemon.start(home, "partial-write", Map.of(), Map.of(
                "batchroutes.input.stable-millis", String.valueOf(STABLE.toMillis()),
                "batchroutes.input.stable-check-millis", "25",
                "batchroutes.input.poll-millis", "50"))) {
            Path file = Files.createDirectories(daemon.input).resolve("growing.txt");
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (int i = 0; i < PIECES; i++) {
                    write(out, "early words\n");
                    long written = System.nanoTime();
                    // Paces the writer (not a wait for the daemon): a pause far shorter than the stable time.
                    Thread.sleep(PAUSE.toMillis());
                    assertThat(file).as("still in the input folder while being written (piece %d)", i).exists();
                    // Were the machine so loaded that a pause reached the stable time, taking the file would be right.
                    assertThat(Duration.ofNanos(System.nanoTime() - written)).isLessThan(STABLE);
                }
                write(out, "last ".repeat(30) + "\n");
            }
            Path result = daemon.output.resolve("growing_OUTPUT.txt");
            Await.until("the result of the whole file", Duration.ofSeconds(60), () -> Files.exists(result));
            assertThat(Files.readString(result)).isEqualTo("last 30\nearly " + PIECES + "\nwords " + PIECES + "\n");
            // The input goes to done/ a moment after its result is in place (the outcome follows the results).
            Await.until("the input in done/", Duration.ofSeconds(30), () -> Files.exists(daemon.done("growing.txt")));
            assertThat(daemon.done("growing.txt")).hasContent(("early words\n").repeat(PIECES) + "last ".repeat(30) + "\n");
        }
    }

    private static void write(FileChannel out, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        out.force(false);
    }
}
