package io.batchroutes.app.observe;

import com.microsoft.azure.batch.protocol.models.TaskCounts;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressReportTest {

    private final ProgressReport progress = new ProgressReport("job", new PipelineMetrics(new SimpleMeterRegistry(), () -> 0));

    @Test
    void collectedTasksDeletedMidBurstDoNotCountAsUndoneWork() {
        assertThat(progress.report(counts(10, 0, 5))).contains("done=0/10");
        assertThat(progress.report(counts(6, 0, 9))).contains("done=4/10");
        // An older job was deleted with its 9 completed tasks.
        assertThat(progress.report(counts(6, 0, 0))).contains("done=4/10");
        assertThat(progress.report(counts(3, 0, 3))).contains("done=7/10");
        assertThat(progress.report(counts(0, 0, 6))).contains("finished 10 task(s)");
    }

    private static TaskCountsResult counts(int active, int running, int completed) {
        return new TaskCountsResult().withTaskCounts(new TaskCounts().withActive(active).withRunning(running)
                .withCompleted(completed).withSucceeded(completed).withFailed(0));
    }
}
