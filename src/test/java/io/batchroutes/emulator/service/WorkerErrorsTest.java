package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.model.JobPreparationAndReleaseTaskExecutionInformation;
import io.batchroutes.emulator.model.JobReleaseTask;
import io.batchroutes.emulator.model.JobTaskExecutionInformation;
import io.batchroutes.emulator.node.NodeAgent;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Issue 13, finding 5, on the node workers: an Error while booting a node or running a job release task ends that
 * work as failed in the service's terms (the node {@code unusable} with the error, the release {@code completed} with
 * a failure) instead of leaving it {@code starting} / {@code running} for ever. The node agent is the test double;
 * workers run on the calling thread, so an Error that escaped would fail the test itself.
 */
class WorkerErrorsTest {

    private final NodeAgent agent = mock(NodeAgent.class);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path nodes;

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void anErrorWhileBootingMakesTheNodeUnusable() throws Exception {
        doThrow(new AssertionError("an Error while booting")).when(agent).prepareNode(any());
        ServiceContext ctx = new ServiceContext(new BatchStore(), "errors", () -> "http://127.0.0.1:1", nodes,
                Duration.ofMinutes(5), null, Duration.ZERO, Duration.ZERO, null);
        AtomicInteger dispatches = new AtomicInteger();
        NodeLifecycle lifecycle = new NodeLifecycle(ctx, new Runs(agent), new TaskEnvironment(ctx),
                new Delays(timer, Runnable::run), dispatches::incrementAndGet, (node, reimaged) -> { });
        CloudPool pool = new CloudPool();
        pool.id = "p1";
        PoolRecord record = new PoolRecord(1, pool);

        record.locked(() -> lifecycle.addNodes(record, 1, 0));

        NodeRecord node = record.nodes.values().iterator().next();
        assertThat(node.node.state).isEqualTo("unusable");
        assertThat(node.node.errors.toString()).contains("NodeBootFailed").contains("an Error while booting");
        assertThat(dispatches).as("the scheduler hears of it").hasPositiveValue();
    }

    @Test
    void anErrorInAReleaseTaskCompletesItAsFailed() {
        when(agent.run(any(), any())).thenThrow(new StackOverflowError("an Error in the release task"));
        Scheduler scheduler = mock(Scheduler.class);
        CloudPool pool = new CloudPool();
        pool.id = "p1";
        PoolRecord poolRecord = new PoolRecord(1, pool);
        ComputeNode computeNode = new ComputeNode();
        computeNode.id = "n1";
        computeNode.url = "http://127.0.0.1:1/pools/p1/nodes/n1";
        poolRecord.nodes.put("n1", new NodeRecord(computeNode, nodes.resolve("n1"), 1));
        when(scheduler.pool("p1")).thenReturn(poolRecord);
        when(scheduler.baseEnvironment(any(), any(), any(), any())).thenReturn(new HashMap<>());
        CloudJob job = new CloudJob();
        job.id = "j1";
        job.jobReleaseTask = new JobReleaseTask();
        job.jobReleaseTask.commandLine = "true";
        JobRecord jobRecord = new JobRecord(1, job);
        var ran = new JobPreparationAndReleaseTaskExecutionInformation();
        ran.poolId = "p1";
        ran.nodeId = "n1";
        jobRecord.nodeRuns.put("n1", ran);
        AtomicInteger done = new AtomicInteger();

        jobRecord.locked(() -> new JobPreparations(agent, scheduler, Runnable::run).release(jobRecord, done::incrementAndGet));

        JobTaskExecutionInformation release = ran.jobReleaseTaskExecutionInfo;
        assertThat(release.state).isEqualTo("completed");
        assertThat(release.result).isEqualTo("failure");
        assertThat(release.failureInfo.details).anySatisfy(d -> assertThat(d.value).contains("an Error in the release task"));
        assertThat(done).as("the job goes on terminating").hasValue(1);
    }
}
