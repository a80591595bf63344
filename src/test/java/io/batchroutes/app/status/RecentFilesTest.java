package io.batchroutes.app.status;

import io.batchroutes.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.batchroutes.app.status.StatusSnapshot.FileView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecentFilesTest {

    private final MutableClock clock = new MutableClock();
    private final RecentFiles files = new RecentFiles(3, clock, name -> name.endsWith(".txt") ? "topwords" : null);

    @Test
    void aFileGoesFromWaitingToRunningToDoneWithItsResultAndDuration() {
        files.staged("t1", "a.txt");
        assertThat(only().state()).isEqualTo("waiting");
        Instant started = clock.instant().plusSeconds(1);
        clock.advance(Duration.ofSeconds(2));
        files.running("t1", "a.txt", "n1", started);
        assertThat(only().state()).isEqualTo("running");
        assertThat(only().seconds()).isEqualTo(1.0);
        clock.advance(Duration.ofSeconds(3));
        files.finished("t1", "a.txt", true, "n1", started, clock.instant(), null, List.of(Path.of("/out/a_OUTPUT.txt")));
        FileView done = only();
        assertThat(done.state()).isEqualTo("done");
        assertThat(done.workType()).isEqualTo("topwords");
        assertThat(done.seconds()).isEqualTo(4.0);
        assertThat(done.results()).extracting(StatusSnapshot.Result::name).containsExactly("a_OUTPUT.txt");
        assertThat(files.result("t1", 0)).contains(Path.of("/out/a_OUTPUT.txt"));
        assertThat(files.result("t1", 1)).isEmpty();
        assertThat(files.hasTaskEnded("t1")).isTrue();
        files.running("t1", "a.txt", "n1", started);
        assertThat(only().state()).as("a late running report changes nothing").isEqualTo("done");
    }

    @Test
    void theOldestFinishedFilesGoFirst() {
        files.staged("t1", "1.txt");
        clock.advance(Duration.ofSeconds(1));
        files.finished("t1", "1.txt", true, null, null, null, null, List.of());
        clock.advance(Duration.ofSeconds(1));
        files.staged("t2", "2.txt");
        clock.advance(Duration.ofSeconds(1));
        files.staged("t3", "3.txt");
        clock.advance(Duration.ofSeconds(1));
        files.staged("t4", "4.txt");
        assertThat(files.views()).extracting(FileView::name).containsExactly("4.txt", "3.txt", "2.txt");
    }

    @Test
    void runningFilesComeFirstThenWaitingThenFinished() {
        files.staged("t1", "1.txt");
        clock.advance(Duration.ofSeconds(1));
        files.staged("t2", "2.txt");
        files.running("t1", "1.txt", "n", clock.instant());
        clock.advance(Duration.ofSeconds(1));
        files.staged("t3", "3.txt");
        files.finished("t3", "3.txt", true, null, null, null, null, List.of());
        assertThat(files.views()).extracting(FileView::name).containsExactly("1.txt", "2.txt", "3.txt");
    }

    @Test
    void completionsFillTheBucketsAndGiveThePace() {
        for (int i = 0; i < 6; i++) {
            files.staged("t" + i, i + ".txt");
            files.finished("t" + i, i + ".txt", i != 0, null, null, null, i == 0 ? "bad" : null, List.of());
            clock.advance(Duration.ofSeconds(5));
        }
        List<List<Integer>> buckets = files.buckets();
        assertThat(buckets.get(0).stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
        assertThat(buckets.get(1).stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        assertThat(files.filesPerSecond()).isEqualTo(6 / 30.0);
        clock.advance(Duration.ofMinutes(11));
        assertThat(files.buckets().get(0)).containsOnly(0);
        assertThat(files.filesPerSecond()).isZero();
    }

    @Test
    void aFileFailedElsewhereIsReconciledOnlyByAReasonWrittenAfterItWasStaged() {
        files.staged("t1", "a.txt");
        Instant staged = clock.instant();
        files.reconcile((name, since) -> since.isAfter(staged) ? Optional.of("old") : Optional.empty());
        assertThat(only().state()).isEqualTo("waiting");
        files.reconcile((name, since) -> Optional.of("The pool's start task failed"));
        assertThat(only().state()).isEqualTo("failed");
        assertThat(only().reason()).contains("start task failed");
    }

    @Test
    void aFileThatFailedBeforeItHadATaskIsListed() {
        files.failedToStart("huge.txt", "storage unreachable");
        assertThat(only().state()).isEqualTo("failed");
        assertThat(only().taskId()).startsWith("no-task:");
    }

    private FileView only() {
        assertThat(files.views()).hasSize(1);
        return files.views().get(0);
    }
}
