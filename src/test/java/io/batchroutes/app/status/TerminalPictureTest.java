package io.batchroutes.app.status;

import io.batchroutes.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The terminal picture of a snapshot, through the same JSON the endpoint serves. */
class TerminalPictureTest {

    @Test
    void progressHeatMapAndFailedFiles() throws Exception {
        FakeBatch batch = new FakeBatch();
        batch.nodes = List.of(
                new ComputeNode().withId("a").withState(ComputeNodeState.RUNNING).withRunningTaskSlotsCount(3),
                new ComputeNode().withId("b").withState(ComputeNodeState.IDLE),
                new ComputeNode().withId("c").withState(ComputeNodeState.WAITING_FOR_START_TASK),
                new ComputeNode().withId("d").withState(ComputeNodeState.START_TASK_FAILED),
                new ComputeNode().withId("e").withState(ComputeNodeState.PREEMPTED),
                new ComputeNode().withId("f").withState(ComputeNodeState.UNUSABLE),
                new ComputeNode().withId("g").withState(ComputeNodeState.LEAVING_POOL));
        MutableClock clock = new MutableClock();
        RecentFiles files = new RecentFiles(10, clock, name -> "topwords");
        files.staged("t9", "bad.txt");
        files.finished("t9", "bad.txt", false, null, null, null, "exit code: 3\nend of stderr:\nno such word", List.of());
        SharedSnapshot snapshot = new SharedSnapshot(batch, files, (n, s) -> Optional.empty(), "p", "j",
                Duration.ofSeconds(2), clock, new AtomicLong());
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JsonNode tree = json.readTree(json.writeValueAsBytes(snapshot.view()));

        String picture = new TerminalPicture(tree).render();

        assertThat(picture).contains("1/3 done").contains("failed=1 running=1 waiting=1");
        assertThat(picture).contains("nodes 3.~FPXv");
        assertThat(picture).contains("bad.txt (topwords)").contains("no such word");
    }
}
