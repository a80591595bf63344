package io.batchroutes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar batch-routes.jar --once}: process what is there, wait, summarise, exit 0 only if all succeeded. */
class OnceIT {

    @TempDir
    Path home;

    @Test
    void exitsZeroWhenEveryFileSucceeded() throws Exception {
        Path dir = Files.createDirectories(home.resolve("good/InputFiles"));
        Files.writeString(dir.resolve("a.txt"), "x y y\n");
        Files.writeString(dir.resolve("b.txt"), "z z z\n");

        TheJar.Result result = TheJar.run(dir.getParent(), Map.of(), List.of(), "--once");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Processed 2 file(s): 2 succeeded, 0 failed");
        assertThat(Files.readString(dir.getParent().resolve("OutputFiles/b_OUTPUT.txt"))).isEqualTo("z 3\n");
        assertThat(dir.resolve("done/a.txt")).exists();
    }

    @Test
    void exitsNonZeroWhenAFileFailed() throws Exception {
        Path dir = Files.createDirectories(home.resolve("bad/InputFiles"));
        Files.writeString(dir.resolve("fine.txt"), "ok\n");
        Files.writeString(dir.resolve("broken.mp4"), "not a video");

        TheJar.Result result = TheJar.run(dir.getParent(), Map.of(), List.of(), "--once");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("Processed 2 file(s): 1 succeeded, 1 failed").contains("failed: broken.mp4");
        assertThat(dir.resolve("failed/broken.mp4.reason.txt")).exists();
    }
}
