package io.batchroutes.app.status;

import io.batchroutes.testsupport.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.batchroutes.app.status.OutputFollower.OutputView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputFollowerTest {

    private final FakeBatch batch = new FakeBatch();
    private final MutableClock clock = new MutableClock();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final OutputFollower output = new OutputFollower(batch, task -> ended.get(), Duration.ofSeconds(30), clock,
            new AtomicLong());

    @Test
    void onlyTheNewBytesAreReadAndEveryViewerGetsThemFromItsOwnOffset() {
        batch.append("t1", "stdout.txt", "line 1\n");
        OutputView first = output.view("t1", "stdout.txt", 0);
        assertThat(first.text()).isEqualTo("line 1\n");
        assertThat(first.end()).isEqualTo(7);
        assertThat(batch.fileReads).containsExactly("t1/stdout.txt@-65536", "t1/stderr.txt@-65536");

        batch.append("t1", "stdout.txt", "line 2\n");
        output.tick();
        assertThat(batch.fileReads).endsWith("t1/stdout.txt@7", "t1/stderr.txt@0");
        for (int viewer = 0; viewer < 50; viewer++) {
            assertThat(output.view("t1", "stdout.txt", 7).text()).isEqualTo("line 2\n");
        }
        assertThat(output.view("t1", "stdout.txt", 0).text()).isEqualTo("line 1\nline 2\n");
        assertThat(batch.fileReads).as("viewers read the kept bytes, not Batch").hasSize(4);
    }

    @Test
    void afterTheTaskEndsOneLastReadIsMadeAndTheOutputIsKept() {
        batch.append("t1", "stdout.txt", "a\n");
        output.view("t1", "stdout.txt", 0);
        batch.append("t1", "stdout.txt", "b\n");
        ended.set(true);
        output.tick();
        int reads = batch.fileReads.size();
        output.tick();
        output.tick();
        assertThat(batch.fileReads).hasSize(reads);
        OutputView last = output.view("t1", "stdout.txt", 0);
        assertThat(last.ended()).isTrue();
        assertThat(last.text()).isEqualTo("a\nb\n");
    }

    @Test
    void aTaskNobodyWatchesIsNoLongerRead() {
        output.view("t1", "stdout.txt", 0);
        clock.advance(Duration.ofSeconds(31));
        output.tick();
        assertThat(batch.fileReads).hasSize(2);
    }

    @Test
    void onlyTheLastBytesAreKept() {
        batch.append("t1", "stdout.txt", "x".repeat(OutputFollower.KEEP + 100));
        OutputView view = output.view("t1", "stdout.txt", 0);
        assertThat(view.start()).isEqualTo(100);
        assertThat(view.truncated()).isTrue();
        assertThat(view.text()).hasSize(OutputFollower.KEEP);
        batch.append("t1", "stdout.txt", "y".repeat(10));
        output.tick();
        OutputView later = output.view("t1", "stdout.txt", 0);
        assertThat(later.start()).isEqualTo(110);
        assertThat(later.text()).endsWith("yyyyyyyyyy").hasSize(OutputFollower.KEEP);
    }

    @Test
    void atMostAFewTasksAreFollowedAndOnlyTheTwoStreams() {
        for (int i = 0; i < OutputFollower.MAX_FOLLOWED + 2; i++) {
            output.view("t" + i, "stdout.txt", 0);
            clock.advance(Duration.ofSeconds(1));
        }
        batch.fileReads.clear();
        output.tick();
        assertThat(batch.fileReads).hasSize(2 * OutputFollower.MAX_FOLLOWED);
        assertThatThrownBy(() -> output.view("t1", "../secrets", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
