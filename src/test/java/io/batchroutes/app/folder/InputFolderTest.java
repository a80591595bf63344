package io.batchroutes.app.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFolderTest {

    @TempDir
    Path root;

    @Test
    void aClaimMovesTheDroppedFileIntoProcessing() throws IOException {
        InputFolder folder = new InputFolder(root);
        Files.writeString(root.resolve("a.txt"), "words");
        folder.claim("a.txt");
        assertThat(root.resolve("a.txt")).doesNotExist();
        assertThat(folder.processing("a.txt")).hasContent("words");
        assertThat(folder.inFlight()).containsExactly(folder.processing("a.txt"));
    }

    @Test
    void aFileAnotherProcessTookIsALostClaim() {
        InputFolder folder = new InputFolder(root);
        assertThatThrownBy(() -> folder.claim("gone.txt")).isInstanceOf(ClaimLostException.class)
                .hasMessageContaining("gone.txt");
    }

    @Test
    void inFlightIgnoresHiddenFilesAndFolders() throws IOException {
        InputFolder folder = new InputFolder(root);
        assertThat(folder.inFlight()).isEmpty();
        Files.createDirectories(folder.state(InputFolder.PROCESSING).resolve("dir"));
        Files.writeString(folder.processing(".partial"), "");
        Files.writeString(folder.processing("b.txt"), "");
        assertThat(folder.inFlight()).containsExactly(folder.processing("b.txt"));
    }

    @Test
    void aReasonFileFitsTheFileSystemsNameLimit() {
        InputFolder folder = new InputFolder(root);
        assertThat(folder.reasonFile("a.txt")).isEqualTo(root.resolve("failed/a.txt.reason.txt"));
        String longName = "x".repeat(250) + ".txt";
        String reason = folder.reasonFile(longName).getFileName().toString();
        assertThat(reason).endsWith(".reason.txt").contains("~");
        assertThat(reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(folder.reasonFile(longName)).isNotEqualTo(folder.reasonFile("x".repeat(250) + ".TXT"));
    }

    @Test
    void aRepeatedDropIsTheSameNameSizeAndModificationTime() throws IOException {
        InputFolder folder = new InputFolder(root);
        RepeatedDrops drops = new RepeatedDrops(folder);
        Path done = Files.createDirectories(folder.state(InputFolder.DONE)).resolve("a.txt");
        Files.writeString(done, "12345");
        Files.setLastModifiedTime(done, FileTime.fromMillis(1_000_000));
        Path failed = Files.createDirectories(folder.state(InputFolder.FAILED)).resolve("b.txt");
        Files.writeString(failed, "1");
        Files.setLastModifiedTime(failed, FileTime.fromMillis(2_000_000));

        assertThat(drops.earlierOutcome("a.txt", 5L, 1_000_000L)).isEqualTo(InputFolder.DONE);
        assertThat(drops.earlierOutcome("b.txt", 1L, 2_000_000L)).isEqualTo(InputFolder.FAILED);
        assertThat(drops.earlierOutcome("a.txt", 6L, 1_000_000L)).as("new content").isNull();
        assertThat(drops.earlierOutcome("a.txt", 5L, 1_000_001L)).as("touched").isNull();
        assertThat(drops.earlierOutcome("c.txt", 5L, 1_000_000L)).as("never seen").isNull();
    }
}
