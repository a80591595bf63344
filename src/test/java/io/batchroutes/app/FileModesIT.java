package io.batchroutes.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Results and reason files are created with the process umask, as any program's files are, so a second reader (a
 * web server, a share, the next step) can open them; and no temporary file is left beside them. The jar runs as a
 * user starts it, under the umask a shell gives it.
 */
class FileModesIT {

    @TempDir
    Path home;

    @ParameterizedTest(name = "umask {0}")
    @CsvSource({"022, rw-r--r--", "027, rw-r-----"})
    void resultsAndReasonsFollowTheUmask(String umask, String expectedMode) throws Exception {
        Path input = Files.createDirectories(home.resolve("InputFiles"));
        Files.writeString(input.resolve("words.txt"), "mode mode check\n");
        Files.writeString(input.resolve("broken.mp4"), "not a video");

        TheJar.Result result = TheJar.runWithUmask(umask, home, List.of(), "--once");

        assertThat(result.output()).contains("Processed 2 file(s): 1 succeeded, 1 failed");
        Path resultFile = home.resolve("OutputFiles/words_OUTPUT.txt");
        Path reasonFile = input.resolve("failed/broken.mp4.reason.txt");
        assertThat(resultFile).hasContent("mode 2\ncheck 1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(resultFile))).as("result")
                .isEqualTo(expectedMode);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(reasonFile))).as("reason")
                .isEqualTo(expectedMode);
        try (Stream<Path> outputs = Files.list(home.resolve("OutputFiles"));
                Stream<Path> failed = Files.list(input.resolve("failed"))) {
            assertThat(outputs.map(p -> p.getFileName().toString())).containsExactly("words_OUTPUT.txt");
            assertThat(failed.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("broken.mp4", "broken.mp4.reason.txt");
        }
    }
}
