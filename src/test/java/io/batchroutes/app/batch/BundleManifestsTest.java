package io.batchroutes.app.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.folder.StateFolders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleManifestsTest {

    @TempDir
    Path home;

    @Test
    void writtenReadListedDeleted() throws Exception {
        BundleManifests manifests = new BundleManifests(new InputFolder(home));
        String id = TaskIdentity.bundleId(List.of("f-1", "f-2"));
        BundleManifests.Manifest manifest = new BundleManifests.Manifest(id, "words",
                List.of(new StagedFile("f-1", "a\nb\t\"odd\".txt", 3), new StagedFile("f-2", "b.txt", 4)));
        manifests.write(manifest);
        assertThat(manifests.read(id)).contains(manifest);
        assertThat(manifests.all()).containsExactly(manifest);
        manifests.delete(id);
        assertThat(manifests.read(id)).isEmpty();
        assertThat(manifests.all()).isEmpty();
    }

    @Test
    void idsThatAreNoBundleOfOursAreNeverLookedUp() throws Exception {
        BundleManifests manifests = new BundleManifests(new InputFolder(home));
        Files.createDirectories(home.resolve("processing/.bundles"));
        Files.writeString(home.resolve("processing/.bundles/../../x.json"), "{}");
        assertThat(manifests.read("../../x")).isEmpty();
        assertThat(manifests.read("f-0123")).isEmpty();
        assertThat(BundleManifests.isBundleId("b-" + "0".repeat(32))).isTrue();
        assertThat(BundleManifests.isBundleId("b-" + "0".repeat(31) + "/")).isFalse();
    }

    @Test
    void aLinkedManifestFolderIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        Files.createDirectories(home.resolve("in/processing"));
        Files.createSymbolicLink(home.resolve("in/processing/.bundles"), elsewhere);
        BundleManifests manifests = new BundleManifests(new InputFolder(home.resolve("in")));
        assertThatThrownBy(() -> manifests.write(new BundleManifests.Manifest(TaskIdentity.bundleId(List.of("f-1")), "w",
                List.of(new StagedFile("f-1", "a.txt", 1))))).isInstanceOf(StateFolders.LinkedFolderException.class);
        assertThat(elsewhere).isEmptyDirectory();
    }
}
