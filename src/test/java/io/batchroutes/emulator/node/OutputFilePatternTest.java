package io.batchroutes.emulator.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilePatternTest {
    @TempDir
    Path taskDir;

    @Test
    void globSyntax() {
        Path wd = Path.of("/x/wd");
        assertThat(OutputFilePattern.parse(wd, "*.txt").matchesName("a.txt")).isTrue();
        assertThat(OutputFilePattern.parse(wd, "*.txt").matchesName("d/a.txt")).isFalse();
        assertThat(OutputFilePattern.parse(wd, "**/*.txt").matchesName("a.txt")).isTrue();
        assertThat(OutputFilePattern.parse(wd, "**/*.txt").matchesName("d/e/a.txt")).isTrue();
        assertThat(OutputFilePattern.parse(wd, "**/*.txt").matchesName("d/e/a.txt.bak")).isFalse();
        assertThat(OutputFilePattern.parse(wd, "out?.mp4").matchesName("out1.mp4")).isTrue();
        assertThat(OutputFilePattern.parse(wd, "out?.mp4").matchesName("out12.mp4")).isFalse();
        assertThat(OutputFilePattern.parse(wd, "a.b(c)+.txt").matchesName("a.b(c)+.txt")).isTrue();
        assertThat(OutputFilePattern.parse(wd, "**").matchesName("any/thing")).isTrue();
    }

    @Test
    void findsFilesWithNamesRelativeToTheFixedPrefix() throws Exception {
        Path wd = Files.createDirectories(taskDir.resolve("wd"));
        Files.writeString(taskDir.resolve("stdout.txt"), "o");
        Files.writeString(taskDir.resolve("stderr.txt"), "e");
        Files.createDirectories(wd.resolve("out/sub"));
        Files.writeString(wd.resolve("out/a.mp4"), "1");
        Files.writeString(wd.resolve("out/sub/b.mp4"), "2");
        Files.writeString(wd.resolve("out/c.txt"), "3");
        Files.writeString(wd.resolve("single.json"), "4");

        assertThat(OutputFilePattern.parse(wd, "../std*.txt").matches())
                .extracting(OutputFilePattern.Match::relativeName).containsExactly("stderr.txt", "stdout.txt");
        assertThat(OutputFilePattern.parse(wd, "out/**/*.mp4").matches())
                .extracting(OutputFilePattern.Match::relativeName).containsExactly("a.mp4", "sub/b.mp4");
        assertThat(OutputFilePattern.parse(wd, "**/*.txt").matches())
                .extracting(OutputFilePattern.Match::relativeName).containsExactly("out/c.txt");
        OutputFilePattern exact = OutputFilePattern.parse(wd, "single.json");
        assertThat(exact.hasWildcard()).isFalse();
        assertThat(exact.matches()).extracting(OutputFilePattern.Match::relativeName).containsExactly("single.json");
        assertThat(OutputFilePattern.parse(wd, "missing.bin").matches()).isEmpty();
    }

    @Test
    void blobNamesUsePathAsPrefixOnlyWithWildcards() {
        assertThat(OutputFileUploader.blobName("logs", "stdout.txt", true)).isEqualTo("logs/stdout.txt");
        assertThat(OutputFileUploader.blobName("logs/", "a/b.txt", true)).isEqualTo("logs/a/b.txt");
        assertThat(OutputFileUploader.blobName("results/final.json", "single.json", false)).isEqualTo("results/final.json");
        assertThat(OutputFileUploader.blobName(null, "x.txt", false)).isEqualTo("x.txt");
    }
}
