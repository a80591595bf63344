package io.batchroutes.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons on one folder (as two hosts on a shared mount, each with its own services): every file is claimed
 * by exactly one of them and ends exactly once.
 */
class TwoDaemonsIT {
    private static final int FILES = 40;
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path home;

    private Process start(String name, Path input, Path output) throws Exception {
        Path dir = Files.createDirectories(home.resolve(name));
        return new ProcessBuilder(TheJar.command(List.of(
                "-Dbatchroutes.input-dir=" + input, "-Dbatchroutes.output-dir=" + output,
                "-Dbatchroutes.input.stable-millis=100", "-Dbatchroutes.input.poll-millis=100")))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile())
                .start();
    }

    private static long count(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eachFileIsProcessedByExactlyOneDaemon() throws Exception {
        Path input = Files.createDirectories(home.resolve("shared/InputFiles"));
        Path output = Files.createDirectories(home.resolve("shared/OutputFiles"));
        List<Process> daemons = new ArrayList<>();
        try {
            daemons.add(start("host-a", input, output));
            daemons.add(start("host-b", input, output));
            Deadline.await("both daemons ready", DEADLINE, () -> Stream.of("host-a", "host-b").allMatch(h -> {
                try {
                    return Files.readString(home.resolve(h).resolve("daemon.log")).contains("ready; watching");
                } catch (Exception notYet) {
                    return false;
                }
            }));
            Path staging = Files.createDirectories(home.resolve("staging"));
            for (int i = 0; i < FILES; i++) {
                Path f = staging.resolve("file-" + i + ".txt");
                Files.writeString(f, "w" + i + " w" + i + " common\n");
                Files.move(f, input.resolve(f.getFileName()));
            }
            Deadline.await(FILES + " files done", DEADLINE, () -> count(input.resolve(InputFolder.DONE)) == FILES);

            assertThat(count(output)).isEqualTo(FILES);
            for (int i = 0; i < FILES; i++) {
                assertThat(Files.readString(output.resolve("file-" + i + "_OUTPUT.txt"))).isEqualTo("w" + i + " 2\ncommon 1\n");
            }
            assertThat(count(input.resolve(InputFolder.FAILED))).isZero();
            assertThat(count(input.resolve(InputFolder.PROCESSING))).isZero();
            assertThat(count(input)).isZero();
        } finally {
            for (Process p : daemons) {
                p.destroy();
            }
            for (Process p : daemons) {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            }
        }
    }
}
