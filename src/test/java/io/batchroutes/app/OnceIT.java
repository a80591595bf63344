package io.batchroutes.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

        Result result = runOnce(dir.getParent());

        assertThat(result.exitCode).as(result.output).isZero();
        assertThat(result.output).contains("Processed 2 file(s): 2 succeeded, 0 failed");
        assertThat(Files.readString(dir.getParent().resolve("OutputFiles/b_OUTPUT.txt"))).isEqualTo("z 3\n");
        assertThat(dir.resolve("done/a.txt")).exists();
    }

    @Test
    void exitsNonZeroWhenAFileFailed() throws Exception {
        Path dir = Files.createDirectories(home.resolve("bad/InputFiles"));
        Files.writeString(dir.resolve("fine.txt"), "ok\n");
        Files.writeString(dir.resolve("broken.mp4"), "not a video");

        Result result = runOnce(dir.getParent());

        assertThat(result.exitCode).as(result.output).isEqualTo(1);
        assertThat(result.output).contains("Processed 2 file(s): 1 succeeded, 1 failed").contains("failed: broken.mp4");
        assertThat(dir.resolve("failed/broken.mp4.reason.txt")).exists();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result runOnce(Path workDir) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcamel.management.port=0",
                "-Dbatchroutes.local.azurite-home=" + System.getProperty("azurite.home", "."),
                "-jar", System.getProperty("batchroutes.jar", "target/batch-routes.jar"), "--once");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
