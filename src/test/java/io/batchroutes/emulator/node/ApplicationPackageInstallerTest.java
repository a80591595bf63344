package io.batchroutes.emulator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationPackageInstallerTest {
    @TempDir
    Path dir;

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }

    @Test
    void unpacksOnceAndReusesWhatIsThere() throws Exception {
        Path target = dir.resolve("apps/a/1");
        Files.createDirectories(target.getParent());
        ApplicationPackageInstaller.install(zip("a.zip", Map.of("bin/x.sh", "x", "README", "r")), target);
        assertThat(target.resolve("bin/x.sh")).hasContent("x");
        ApplicationPackageInstaller.install(zip("b.zip", Map.of("other", "o")), target);
        assertThat(target.resolve("other")).as("an installed package is used as it is").doesNotExist();
    }

    @Test
    void refusesEntriesThatLeaveTheFolder() throws Exception {
        Path root = dir.toRealPath();
        for (String name : new String[] {"../x", "a/../../x", "/etc/x", "C:/x", "..\\x"}) {
            assertThatThrownBy(() -> ApplicationPackageInstaller.safeTarget(root, name)).as(name)
                    .isInstanceOf(ApplicationPackageInstaller.PackageException.class);
        }
        assertThat(ApplicationPackageInstaller.safeTarget(root, "a/./b/../c")).isEqualTo(root.resolve("a/c"));
        Path target = dir.resolve("apps/evil/1");
        Files.createDirectories(target.getParent());
        assertThatThrownBy(() -> ApplicationPackageInstaller.install(
                zip("evil.zip", Map.of("ok.txt", "fine", "../../../escaped.txt", "no")), target))
                .hasMessageContaining("outside the package folder");
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        try (var left = Files.list(target.getParent())) {
            assertThat(left).as("the staging folder is cleaned up").isEmpty();
        }
    }

    @Test
    void doesNotWriteThroughALinkAnEarlierEntryCouldNotCreate() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path root = Files.createDirectories(dir.resolve("root")).toRealPath();
        Files.createSymbolicLink(root.resolve("link"), outside);
        Path out = ApplicationPackageInstaller.safeTarget(root, "link/file");
        assertThat(out.getParent().toRealPath().startsWith(root)).as("the unpacker's second check catches it").isFalse();
    }
}
