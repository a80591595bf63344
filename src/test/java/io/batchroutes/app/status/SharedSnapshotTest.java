package io.batchroutes.app.status;

import io.batchroutes.testsupport.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One set of Batch calls per period, however many viewers; none while nobody looks. */
class SharedSnapshotTest {

    private final FakeBatch batch = new FakeBatch();
    private final MutableClock clock = new MutableClock();
    private final RecentFiles files = new RecentFiles(50, clock, name -> "topwords");
    private final SharedSnapshot snapshot = new SharedSnapshot(batch, files, (name, since) -> Optional.empty(), "p", "j",
            Duration.ofSeconds(2), clock, new AtomicLong());
    private final ExecutorService viewers = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        viewers.shutdownNow();
    }

    @Test
    void manyViewersAtOnceShareOneRefresh() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<StatusSnapshot>> seen = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            seen.add(viewers.submit(() -> {
                start.await();
                return snapshot.view();
            }));
        }
        start.countDown();
        for (Future<StatusSnapshot> view : seen) {
            assertThat(view.get(10, TimeUnit.SECONDS)).isSameAs(seen.get(0).get());
        }
        assertCallSets(1);
    }

    @Test
    void eachPeriodCostsOneCallSetWhateverTheViewersDo() {
        snapshot.view();
        for (int period = 0; period < 5; period++) {
            clock.advance(Duration.ofSeconds(2));
            snapshot.tick();
            for (int viewer = 0; viewer < 100; viewer++) {
                snapshot.view();
            }
        }
        assertCallSets(6);
        assertThat(snapshot.refreshes()).isEqualTo(6);
    }

    @Test
    void nobodyLookingCostsNothingAndTheFirstLookAfterAQuietSpellRefreshesOnce() {
        snapshot.view();
        clock.advance(Duration.ofSeconds(31));
        for (int period = 0; period < 10; period++) {
            snapshot.tick();
            clock.advance(Duration.ofSeconds(2));
        }
        assertCallSets(1);
        StatusSnapshot fresh = snapshot.view();
        assertThat(fresh.takenAt()).isEqualTo(clock.instant());
        assertCallSets(2);
    }

    @Test
    void runningTasksAreListedOnlyWhileSomeRun() {
        batch.counts.withRunning(0);
        snapshot.view();
        assertThat(batch.runningCalls).hasValue(0);
        batch.counts.withRunning(2);
        clock.advance(Duration.ofSeconds(2));
        snapshot.tick();
        assertThat(batch.runningCalls).hasValue(1);
        assertThat(snapshot.view().files()).extracting(StatusSnapshot.FileView::state).containsExactly("running");
        batch.counts.withRunning(0);
        clock.advance(Duration.ofSeconds(2));
        snapshot.tick();
        assertThat(snapshot.view().files()).as("done in Batch, not yet collected")
                .extracting(StatusSnapshot.FileView::state).containsExactly("collecting");
    }

    @Test
    void thePictureHoldsPoolNodesAndJob() {
        StatusSnapshot s = snapshot.view();
        assertThat(s.pool().targetDedicated()).isEqualTo(2);
        assertThat(s.nodes()).extracting(StatusSnapshot.Node::category).containsExactly("running", "starttaskfailed");
        assertThat(s.nodes().get(0).runningSlots()).isEqualTo(3);
        assertThat(s.nodes().get(0).slots()).isEqualTo(4);
        assertThat(s.job().total()).as("nothing finished yet; one waiting, one running").isEqualTo(2);
        files.staged("t9", "b.txt");
        files.finished("t9", "b.txt", true, null, null, null, null, List.of());
        clock.advance(Duration.ofSeconds(2));
        snapshot.tick();
        StatusSnapshot.Job job = snapshot.view().job();
        assertThat(job.completed()).as("this run's, even once Batch deleted the collected task").isEqualTo(1);
        assertThat(job.succeeded()).isEqualTo(1);
        assertThat(job.total()).isEqualTo(3);
        assertThat(s.job().succeededPerBucket()).hasSize(RecentFiles.BUCKETS);
        assertThat(s.cost().batchRequests()).isEqualTo(4);
    }

    @Test
    void whenBatchCannotBeReadTheLastPictureStaysWithTheError() {
        snapshot.view();
        batch.failure = new IllegalStateException("connection refused");
        clock.advance(Duration.ofSeconds(2));
        snapshot.tick();
        StatusSnapshot s = snapshot.view();
        assertThat(s.error()).contains("connection refused");
        assertThat(s.pool().exists()).isTrue();
        assertThat(s.nodes()).hasSize(2);
    }

    @Test
    void aMissingPoolIsShownAsNotThere() {
        batch.pool = null;
        StatusSnapshot s = snapshot.view();
        assertThat(s.pool().exists()).isFalse();
        assertThat(s.nodes()).isEmpty();
        assertThat(batch.nodeCalls).hasValue(0);
    }

    private void assertCallSets(int sets) {
        assertThat(batch.poolCalls).hasValue(sets);
        assertThat(batch.nodeCalls).hasValue(sets);
        assertThat(batch.countCalls).hasValue(sets);
        assertThat(batch.runningCalls).hasValue(sets);
    }
}
