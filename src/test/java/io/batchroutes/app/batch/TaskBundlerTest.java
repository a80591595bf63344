package io.batchroutes.app.batch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.staging.BlobDeletions;
import io.batchroutes.app.staging.StagingArea;
import io.batchroutes.app.worktype.Bundling;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** How submissions are packed; SAS URLs are signed offline, nothing is sent anywhere. */
class TaskBundlerTest {

    @TempDir
    Path home;

    private final AtomicLong inFlight = new AtomicLong();
    private BundleManifests manifests;
    private TaskBundler bundler;

    @BeforeEach
    void setUp() {
        WorkType bundled = new WorkType("words", java.util.Set.of("txt"), List.of(), List.of("words", "{input}", "r.txt"),
                List.of("r.txt"), "{stem}.out", List.of(), List.of(), WorkType.Limits.DEFAULT,
                new Bundling(List.of("words", "--dirs", "{input}", "{dirs}"), 4, 100));
        WorkType alone = WorkType.of("clip", java.util.Set.of("mp4"), List.of("ff", "{input}"), List.of("r.mp3"), "{stem}.mp3",
                List.of());
        WorkTypes types = new WorkTypes(List.of(bundled, alone));
        BlobServiceClient storage = new BlobServiceClientBuilder().connectionString("DefaultEndpointsProtocol=http;"
                + "AccountName=acct;AccountKey=a2V5a2V5a2V5a2V5;BlobEndpoint=http://127.0.0.1:9/acct;").buildClient();
        StagingArea staging = new StagingArea(storage, "in", "out", "app", Duration.ofHours(1), List.of(),
                new BlobDeletions(storage), 250, java.util.Set::of);
        manifests = new BundleManifests(new InputFolder(home));
        bundler = new TaskBundler(types, new TaskDefinitionFactory(types, staging), manifests, 2, inFlight::get);
    }

    private List<StagedFile> files(String ext, int count, long size) {
        List<StagedFile> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "n" + i + "." + ext;
            files.add(new StagedFile(TaskIdentity.taskId(name, size, i), name, size));
        }
        inFlight.addAndGet(count);
        return files;
    }

    @Test
    void aLoneFileOnAnIdlePoolGoesAlone() throws Exception {
        List<TaskAddParameter> tasks = bundler.tasksFor(files("txt", 1, 10));
        assertThat(tasks).singleElement().extracting(TaskAddParameter::id).asString().startsWith("f-");
        assertThat(manifests.all()).isEmpty();
    }

    @Test
    void filesBeyondTheFreeSlotsShareTasksWithinTheBounds() throws Exception {
        List<TaskAddParameter> tasks = bundler.tasksFor(files("txt", 12, 10));
        // Two free slots: two files alone; ten wait and go in bundles of at most four, as even as that allows.
        assertThat(tasks.stream().filter(t -> t.id().startsWith("f-"))).hasSize(2);
        List<TaskAddParameter> bundles = tasks.stream().filter(t -> t.id().startsWith("b-")).toList();
        assertThat(bundles).extracting(t -> t.resourceFiles().size()).containsExactly(4, 4, 2);
        TaskAddParameter first = bundles.get(0);
        assertThat(first.commandLine()).isEqualTo("words --dirs input.txt 0 1 2 3");
        assertThat(first.resourceFiles()).extracting(r -> r.filePath()).containsExactly("0/input.txt", "1/input.txt",
                "2/input.txt", "3/input.txt");
        // Each file's outputs and reason go to its own blobs.
        assertThat(first.outputFiles()).extracting(o -> o.filePattern() + " -> " + o.destination().container().path())
                .contains("0/r.txt -> " + manifests.all().stream().filter(m -> m.bundleId().equals(first.id())).findFirst()
                        .orElseThrow().members().get(0).taskId() + "/r.txt");
        assertThat(first.outputFiles()).extracting(o -> o.filePattern()).contains("3/reason.txt");
        assertThat(first.constraints().maxWallClockTime().toStandardDuration().getStandardMinutes()).isEqualTo(4 * 60);
        assertThat(manifests.all()).hasSize(3);
    }

    @Test
    void aBusyPoolLeavesNoFreeSlot() throws Exception {
        inFlight.set(5);
        List<TaskAddParameter> tasks = bundler.tasksFor(files("txt", 3, 10));
        assertThat(tasks).singleElement().extracting(TaskAddParameter::id).asString().startsWith("b-");
    }

    @Test
    void typesWithoutBundlingAndFilesOverTheByteBoundGoAlone() throws Exception {
        inFlight.set(5);
        List<StagedFile> files = new ArrayList<>(files("mp4", 3, 10));
        files.addAll(files("txt", 1, 500));
        assertThat(bundler.tasksFor(files)).hasSize(4).allSatisfy(t -> assertThat(t.id()).startsWith("f-"));
    }

    @Test
    void chunksRespectTheByteBound() {
        List<StagedFile> files = List.of(new StagedFile("a", "a.txt", 60), new StagedFile("b", "b.txt", 60),
                new StagedFile("c", "c.txt", 30));
        assertThat(TaskBundler.chunks(files, new Bundling(List.of("x", "{dirs}"), 4, 100)))
                .extracting(List::size).containsExactly(1, 2);
    }

    @Test
    void theSameFilesGiveTheSameBundleId() {
        assertThat(TaskIdentity.bundleId(List.of("f-1", "f-2"))).isEqualTo(TaskIdentity.bundleId(List.of("f-1", "f-2")))
                .isNotEqualTo(TaskIdentity.bundleId(List.of("f-2", "f-1"))).matches("b-[0-9a-f]{32}");
    }
}
