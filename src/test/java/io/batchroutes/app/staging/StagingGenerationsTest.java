package io.batchroutes.app.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.batchroutes.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class StagingGenerationsTest {

    /** Storage as a record of calls; list() answers what a test put in {@code stored}. */
    static final class FakeStorage implements StagingGenerations.Storage {
        final List<String> created = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final List<String> blobDeletions = new ArrayList<>();
        final Map<String, Set<String>> stored = new HashMap<>();
        Set<String> legacy = Set.of();

        @Override
        public void create(String generation) {
            created.add(generation);
        }

        @Override
        public void delete(String generation) {
            deleted.add(generation);
        }

        @Override
        public void deleteBlobs(String generation, String taskId, String extension, List<String> resultBlobs) {
            blobDeletions.add(generation + ":" + taskId);
        }

        @Override
        public Map<String, Set<String>> list() {
            return stored;
        }

        @Override
        public Set<String> listLegacy() {
            return legacy;
        }
    }

    private final FakeStorage storage = new FakeStorage();
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_800_000_000_000L));
    private final StagingGenerations generations = new StagingGenerations(storage, 3, Duration.ofSeconds(5),
            Duration.ofSeconds(30), clock);

    @Test
    void aFullGenerationIsDeletedInOneGoOnceItsLastFileIsDone() {
        String g1 = generations.assign("a");
        assertThat(generations.assign("b")).isEqualTo(g1);
        assertThat(generations.assign("a")).as("asked again").isEqualTo(g1);
        assertThat(generations.assign("c")).isEqualTo(g1);
        String g2 = generations.assign("d");
        assertThat(g2).isNotEqualTo(g1).isGreaterThan(g1);
        assertThat(storage.created).containsExactly(g1, g2);
        assertThat(StagingGenerations.containerName("batchroutes-input", g1)).isEqualTo("batchroutes-input-g" + g1);

        generations.settled("a", "txt", List.of("a/result.txt"));
        generations.settled("c", "txt", null);
        assertThat(storage.deleted).isEmpty();
        generations.settled("b", "txt", List.of());
        assertThat(storage.deleted).as("not on the collecting thread").isEmpty();
        generations.tick();
        assertThat(storage.deleted).containsExactly(g1);
        assertThat(storage.blobDeletions).as("no blob deleted one by one").isEmpty();
        assertThat(generations.generationOf("d")).isEqualTo(g2);
        assertThat(generations.generationOf("a")).isEqualTo(StagingGenerations.LEGACY);
    }

    @Test
    void anOpenGenerationWhoseFilesAreDoneIsDeletedAfterItsIdleTime() {
        String g1 = generations.assign("a");
        generations.settled("a", "txt", null);
        clock.advance(Duration.ofSeconds(4));
        generations.tick();
        assertThat(storage.deleted).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        generations.tick();
        assertThat(storage.deleted).containsExactly(g1);
        assertThat(generations.assign("b")).isNotEqualTo(g1);
    }

    @Test
    void aLingeringGenerationDeletesItsDoneFilesBlobsOneByOne() {
        String g1 = generations.assign("a");
        generations.assign("b");
        generations.assign("c");
        String g2 = generations.assign("long"); // closes g1
        generations.settled("a", "txt", null);
        generations.settled("b", "txt", null);
        clock.advance(Duration.ofSeconds(31));
        generations.tick();
        assertThat(storage.blobDeletions).containsExactly(g1 + ":a", g1 + ":b");
        generations.settled("long", "txt", null);
        generations.settled("c", "txt", null);
        assertThat(storage.blobDeletions).as("draining: at once").contains(g1 + ":c");
        generations.tick();
        assertThat(storage.deleted).as("g1: its last file done; g2: done and idle for 31 s").containsExactly(g1, g2);
    }

    @Test
    void aSpareMadeAheadIsTakenByTheNextGenerationAndReplaced() {
        generations.ensureSpare();
        String spare = storage.created.get(0);
        assertThat(generations.assign("a")).isEqualTo(spare);
        assertThat(storage.created).as("nothing made on the file's path").hasSize(1);
        generations.tick();
        assertThat(storage.created).hasSize(2);
        generations.assign("b");
        generations.assign("c");
        assertThat(generations.assign("d")).isEqualTo(storage.created.get(1));
    }

    @Test
    void aFileWhoseStagingFailedHoldsNoPlace() {
        String g1 = generations.assign("a");
        generations.assign("b");
        generations.assign("c");
        generations.assign("d");
        generations.notStaged("a");
        generations.settled("b", "txt", null);
        generations.settled("c", "txt", null);
        generations.tick();
        assertThat(storage.deleted).containsExactly(g1);
    }

    @Test
    void aLostGenerationTakesNoMoreFiles() {
        String g1 = generations.assign("a");
        String g2 = generations.lost("a", g1);
        assertThat(g2).isNotEqualTo(g1);
        assertThat(generations.generationOf("a")).isEqualTo(g2);
        assertThat(generations.assign("b")).isEqualTo(g2);
        generations.tick();
        assertThat(storage.deleted).as("g1 held nothing any more").containsExactly(g1);
    }

    @Test
    void aRestartFindsEachFileInFlightInItsGenerationAndDeletesTheOthers() {
        storage.stored.put("lq2x0000", Set.of("old-done"));
        storage.stored.put("lq2x0001", Set.of("x", "y-done"));
        storage.stored.put("lq2x0002", Set.of("y", "x"));
        storage.stored.put("lq2x0003", Set.of());
        storage.legacy = Set.of("z");
        generations.recover(Set.of("x", "y", "z", "nowhere"));
        assertThat(generations.assign("first")).as("the newest, unused, is the spare").isEqualTo("lq2x0003");
        assertThat(storage.deleted).containsExactly("lq2x0001", "lq2x0000");
        storage.stored.remove("lq2x0001");
        storage.stored.remove("lq2x0000");
        generations.recover(Set.of("x", "y", "z", "nowhere"));
        assertThat(storage.deleted).as("recovering again changes nothing").hasSize(2);
        assertThat(generations.generationOf("x")).as("the newest holding it").isEqualTo("lq2x0002");
        assertThat(generations.generationOf("y")).isEqualTo("lq2x0002");
        assertThat(generations.generationOf("z")).isEqualTo(StagingGenerations.LEGACY);
        String next = generations.assign("new");
        assertThat(next).isEqualTo("lq2x0003");

        generations.settled("x", "txt", null);
        generations.settled("y", "txt", null);
        generations.tick();
        assertThat(storage.deleted).endsWith("lq2x0002");
        generations.settled("z", "txt", null);
        assertThat(storage.blobDeletions).containsExactly(":z");
    }

    @Test
    void onlyOwnGenerationNamesAreRead() {
        assertThat(StagingGenerations.generationOf("batchroutes-input", "batchroutes-input-glq2x0002")).isEqualTo("lq2x0002");
        assertThat(StagingGenerations.generationOf("batchroutes-input", "batchroutes-input-g")).isNull();
        assertThat(StagingGenerations.generationOf("batchroutes-input", "batchroutes-input-gAB")).isNull();
        assertThat(StagingGenerations.generationOf("batchroutes-input", "batchroutes-input-other")).isNull();
        assertThat(StagingGenerations.generationOf("batchroutes-input", "batchroutes-output-g1")).isNull();
    }
}
