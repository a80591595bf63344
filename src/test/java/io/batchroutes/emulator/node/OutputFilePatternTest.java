package io.batchroutes.emulator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** A 1,900-level tree overflowed the regex these patterns were compiled to (StackOverflowError, task stuck). */
    @Test
    void aDeepTreeIsMatchedWithoutOverflow() throws Exception {
        Path deepTaskDir = Files.createTempDirectory("deep-task-");
        try {
            matchesInADeepTree(Files.createDirectories(deepTaskDir.resolve("wd")));
        } finally {
            // rm works down the tree relative to each folder; JUnit's @TempDir cleanup takes minutes on 1,900 levels
            assertThat(new ProcessBuilder("rm", "-rf", deepTaskDir.toString()).inheritIO().start().waitFor()).isZero();
        }
    }

    private static void matchesInADeepTree(Path wd) throws Exception {
        Path deep = wd;
        for (int i = 0; i < 1900; i++) {
            deep = deep.resolve("d");
        }
        Files.createDirectories(deep);
        Files.writeString(deep.resolve("x.txt"), "deep");
        Files.writeString(wd.resolve("x.txt"), "top");
        List<OutputFilePattern.Match> found = OutputFilePattern.parse(wd, "**/x.txt").matches();
        assertThat(found).hasSize(2);
        assertThat(found).extracting(OutputFilePattern.Match::relativeName).contains("x.txt", "d/".repeat(1900) + "x.txt");
        assertThat(OutputFilePattern.parse(wd, "**/*.txt").matchesName("d/".repeat(50_000) + "x.txt")).isTrue();
        assertThat(OutputFilePattern.parse(wd, "*/*/**/y*").matchesName("d/".repeat(50_000) + "x.txt")).isFalse();
    }

    @Test
    void aPatternMayReachTheTaskFolderButNotClimbOutOfIt() throws Exception {
        Path wd = Files.createDirectories(taskDir.resolve("wd"));
        Files.writeString(taskDir.resolve("stdout.txt"), "o");
        assertThat(OutputFilePattern.parse(wd, "../stdout.txt").matches()).hasSize(1);
        assertThat(OutputFilePattern.parse(wd, "sub/../../stdout.txt").matches()).hasSize(1);
        for (String climbing : new String[] {"../../x.txt", "../../*", "../".repeat(16) + "etc/passwd",
                "../".repeat(16) + "*", "**/../../x", "a/../../../x"}) {
            assertThatThrownBy(() -> OutputFilePattern.parse(wd, climbing).matches()).as(climbing)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves the task's folder");
        }
    }

    @Test
    void linksATaskCreatesAreNotFollowed() throws Exception {
        Path wd = Files.createDirectories(taskDir.resolve("wd"));
        Path outside = Files.createDirectories(taskDir.getParent().resolve(taskDir.getFileName() + "-outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(wd.resolve("link.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(wd.resolve("dir"), outside);
        Files.writeString(wd.resolve("real.txt"), "real");
        assertThat(OutputFilePattern.parse(wd, "link.txt").matches()).isEmpty();
        assertThat(OutputFilePattern.parse(wd, "dir/secret.txt").matches()).isEmpty();
        assertThat(OutputFilePattern.parse(wd, "dir/*.txt").matches()).isEmpty();
        assertThat(OutputFilePattern.parse(wd, "**/*.txt").matches()).extracting(OutputFilePattern.Match::relativeName)
                .containsExactly("real.txt");
    }
}
