package io.batchroutes.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node script's bundle mode, run as the node runs it (a real python3 process, argv only): one folder per file,
 * each gets its own result, a file that cannot be read gets its own reason and the others carry on.
 */
class TopwordsBundleModeTest {

    private static final Path SCRIPT = Path.of("src/main/resources/nodes/topwords.py");

    @TempDir
    Path wd;

    @Test
    void eachFolderGetsItsOwnResultOrReason() throws Exception {
        Files.createDirectories(wd.resolve("0"));
        Files.writeString(wd.resolve("0/input.txt"), "b a b c b a\n");
        Files.createDirectories(wd.resolve("1"));
        Files.write(wd.resolve("1/input.txt"), "caf\u00e9 caf\u00e9 x\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.createDirectories(wd.resolve("2"));  // its input never arrived
        Files.createDirectories(wd.resolve("3"));
        Files.writeString(wd.resolve("3/input.txt"), "z\n");

        Process process = new ProcessBuilder(List.of(python(), SCRIPT.toAbsolutePath().toString(), "--in-dirs", "input.txt",
                "result.txt", "2", "0", "1", "2", "3")).directory(wd.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(wd.resolve("0/result.txt"))).isEqualTo("b 3\na 2\n");
        assertThat(Files.readString(wd.resolve("1/result.txt"))).isEqualTo("caf\u00e9 2\nx 1\n");
        assertThat(wd.resolve("2/result.txt")).doesNotExist();
        assertThat(Files.readString(wd.resolve("2/reason.txt"))).contains("No such file");
        assertThat(Files.readString(wd.resolve("3/result.txt"))).isEqualTo("z 1\n");
        try (var left = Files.walk(wd)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void withAnArchiveEveryFoldersResultOrReasonIsPackedStored() throws Exception {
        Files.createDirectories(wd.resolve("0"));
        Files.writeString(wd.resolve("0/input.txt"), "b a b\n");
        Files.createDirectories(wd.resolve("1"));  // its input never arrived

        Process process = new ProcessBuilder(List.of(python(), SCRIPT.toAbsolutePath().toString(), "--in-dirs", "input.txt",
                "result.txt", "3", "--archive", "packed.zip", "0", "1")).directory(wd.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isZero();
        try (ZipFile zip = new ZipFile(wd.resolve("packed.zip").toFile())) {
            assertThat(zip.stream().map(ZipEntry::getName)).containsExactlyInAnyOrder("0/result.txt", "1/reason.txt");
            assertThat(zip.stream().map(ZipEntry::getMethod)).containsOnly(ZipEntry.STORED);
            assertThat(new String(zip.getInputStream(zip.getEntry("0/result.txt")).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("b 2\na 1\n");
        }
        assertThat(wd.resolve(".packed.zip.part")).doesNotExist();
    }

    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }
}
