package io.batchroutes.app.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.observe.PipelineMetrics;
import io.batchroutes.app.pool.PoolHealth;
import io.batchroutes.app.staging.ResultFile;
import io.batchroutes.app.staging.StagingArea;
import io.batchroutes.app.worktype.WorkTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outcome of a file, on a real folder; storage is the one collaborator replaced (a mock). */
class FileOutcomesTest {

    @TempDir
    Path root;

    private final StagingArea staging = mock(StagingArea.class);
    private final PipelineMetrics metrics = new PipelineMetrics(null, () -> 0);
    private final PoolHealth poolHealth = new PoolHealth(() -> 0);
    private InputFolder folder;
    private FileOutcomes outcomes;

    @BeforeEach
    void setUp() {
        Map<String, String> props = Map.of(
                "batchroutes.work-types", "topwords",
                "batchroutes.work-type.topwords.extensions", "txt",
                "batchroutes.work-type.topwords.command", "count {input}",
                "batchroutes.work-type.topwords.outputs", "result.txt",
                "batchroutes.work-type.topwords.output-name", "{stem}_OUTPUT.txt");
        folder = new InputFolder(root);
        outcomes = new FileOutcomes(folder, staging, WorkTypes.fromProperties(k -> Optional.ofNullable(props.get(k))),
                poolHealth, metrics);
    }

    @Test
    void aSucceededTaskMovesItsInputToDoneAndDeletesWhatItStaged() throws IOException {
        inFlight("a.txt");
        outcomes.succeeded("f-1", "a.txt", Instant.EPOCH, Instant.EPOCH.plusSeconds(2),
                List.of(new ResultFile("f-1/result.txt", "a_OUTPUT.txt")));
        assertThat(folder.state(InputFolder.DONE).resolve("a.txt")).exists();
        assertThat(folder.processing("a.txt")).doesNotExist();
        assertThat(folder.reasonFile("a.txt")).doesNotExist();
        verify(staging).deleteStaged("f-1", "txt", List.of("f-1/result.txt"));
        assertThat(metrics.succeededCount()).isEqualTo(1);
        assertThat(metrics.inFlightCount()).isZero();
    }

    @Test
    void aSucceededTaskWithoutAnyResultFails() throws IOException {
        inFlight("a.txt");
        outcomes.succeeded("f-1", "a.txt", null, null, List.of());
        assertThat(folder.state(InputFolder.FAILED).resolve("a.txt")).exists();
        assertThat(folder.reasonFile("a.txt")).content()
                .isEqualTo("The task succeeded but uploaded no result (expected [result.txt]).\n");
        verify(staging).deleteStaged("f-1", "txt");
        assertThat(metrics.failedCount()).isEqualTo(1);
        assertThat(metrics.succeededCount()).isZero();
    }

    @Test
    void aFailedTaskLeavesItsReasonBesideTheInput() throws IOException {
        inFlight("b.txt");
        outcomes.taskFailed("f-2", "b.txt", 3, "TaskFailed", "exit 3", "boom".getBytes());
        assertThat(folder.state(InputFolder.FAILED).resolve("b.txt")).exists();
        assertThat(folder.reasonFile("b.txt")).content().isEqualTo(
                "The task failed.\ntask: f-2\nexit code: 3\nfailure: TaskFailed - exit 3\nend of stderr:\nboom\n");
        verify(staging).deleteStaged("f-2", "txt");
        assertThat(metrics.failedCount()).isEqualTo(1);
    }

    @Test
    void reasonFilesAreWrittenWholeWithTheProcessUmask() throws IOException {
        inFlight("b.txt");
        outcomes.taskFailed("f-2", "b.txt", 1, null, null, null);
        Path reason = folder.reasonFile("b.txt");
        try (Stream<Path> files = Files.list(folder.state(InputFolder.FAILED))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("b.txt", "b.txt.reason.txt");
        }
        // Whatever this JVM's umask: the reason gets the mode any new file gets here (Files.createTempFile: 0600).
        Path plain = root.resolve("plain");
        try (OutputStream out = Files.newOutputStream(plain, StandardOpenOption.CREATE_NEW)) {
            out.write(1);
        }
        assertThat(Files.getPosixFilePermissions(reason)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aFailureWhileThePoolIsUnusableSaysSoFirst() throws IOException {
        poolHealth.recordStartTaskFailure("node-1", "ffmpeg missing".getBytes());
        inFlight("c.txt");
        outcomes.taskFailed("f-3", "c.txt", null, null, null, null);
        assertThat(folder.reasonFile("c.txt")).content()
                .startsWith("The pool cannot run tasks: the start task failed on every node (node node-1).\n"
                        + "start task stderr:\nffmpeg missing\n\nThe task failed.\ntask: f-3\n"
                        + "exit code: none (the program did not run to its end)\n");
        inFlight("d.txt");
        outcomes.stranded("f-4", "d.txt");
        assertThat(folder.reasonFile("d.txt")).content().endsWith("\ntask: f-4 (never ran)\n");
    }

    @Test
    void aFileFailsOnceHoweverOftenItsFailureIsRepeated() throws IOException {
        inFlight("e.txt");
        for (int i = 0; i < 3; i++) {
            outcomes.failed("f-6", "e.txt", FailureReason.noResult(java.util.List.of("result.txt")));
        }
        assertThat(folder.reasonFile("e.txt")).exists();
        assertThat(folder.state(InputFolder.FAILED).resolve("e~1.txt")).doesNotExist();
        assertThat(folder.state(InputFolder.FAILED).resolve("e~1.txt.reason.txt")).doesNotExist();
    }

    @Test
    void aFileThatNeverBecameATaskFailsWhereverItIs() throws IOException {
        Files.writeString(root.resolve("dropped.txt"), "x");
        metrics.received();
        outcomes.notSubmitted("dropped.txt", FailureReason.notSubmitted("f-5", new IOException("storage down")));
        assertThat(folder.state(InputFolder.FAILED).resolve("dropped.txt")).exists();
        assertThat(folder.reasonFile("dropped.txt")).content().isEqualTo(
                "The file could not be submitted (staging or submission failed).\ntask: f-5\nerror: IOException: storage down\n");

        inFlight("claimed.txt");
        outcomes.notSubmitted("claimed.txt", FailureReason.notSubmitted(null, null));
        assertThat(folder.state(InputFolder.FAILED).resolve("claimed.txt")).exists();
        assertThat(folder.reasonFile("claimed.txt")).content().contains("(naming failed)").contains("task: none")
                .contains("error: unknown");
        verifyNoInteractions(staging);
        assertThat(metrics.failedCount()).isEqualTo(2);
    }

    @Test
    void aRepeatedDropGoesBackToItsEarlierOutcome() throws IOException {
        Files.writeString(root.resolve("again.txt"), "x");
        outcomes.repeated("again.txt", InputFolder.DONE);
        assertThat(root.resolve("again.txt")).doesNotExist();
        assertThat(folder.state(InputFolder.DONE).resolve("again.txt")).exists();
        assertThat(metrics.succeededCount()).isZero();
    }

    @Test
    void aFileLetGoIsNeitherSucceededNorFailed() {
        metrics.received();
        outcomes.letGo("theirs.txt", "f-6", "another process claimed it first");
        outcomes.letGo("never-counted.txt", null, "it left");
        assertThat(metrics.inFlightCount()).isZero();
        assertThat(metrics.failedCount()).isZero();
        assertThat(root.resolve("failed")).doesNotExist();
    }

    @Test
    void anOutcomeSeenTwiceMovesNothingTheSecondTime() throws IOException {
        inFlight("a.txt");
        List<ResultFile> written = List.of(new ResultFile("f-1/result.txt", "a_OUTPUT.txt"));
        outcomes.succeeded("f-1", "a.txt", null, null, written);
        Files.writeString(root.resolve("a.txt"), "a new drop of the same name");
        outcomes.succeeded("f-1", "a.txt", null, null, written);
        assertThat(root.resolve("a.txt")).as("the new drop stays where it is").exists();
        verify(staging, never()).deleteStaged("f-1", "txt");
    }

    private void inFlight(String name) throws IOException {
        Files.createDirectories(folder.state(InputFolder.PROCESSING));
        Files.writeString(folder.processing(name), "content of " + name);
        metrics.received();
    }
}
