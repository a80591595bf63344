package io.batchroutes.app.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import com.microsoft.azure.batch.protocol.models.TaskCounts;
import com.microsoft.azure.batch.protocol.models.TaskState;

/** A Batch account in memory that counts every read the status page makes (a unit-test stand-in for the component). */
final class FakeBatch implements BatchReader {

    final AtomicInteger poolCalls = new AtomicInteger();
    final AtomicInteger nodeCalls = new AtomicInteger();
    final AtomicInteger countCalls = new AtomicInteger();
    final AtomicInteger runningCalls = new AtomicInteger();
    final List<String> fileReads = new ArrayList<>();
    final Map<String, StringBuilder> taskFiles = new HashMap<>();
    volatile CloudPool pool = new CloudPool().withId("p").withTargetDedicatedNodes(2).withCurrentDedicatedNodes(2)
            .withTaskSlotsPerNode(4);
    volatile List<ComputeNode> nodes = List.of(
            new ComputeNode().withId("n1").withState(ComputeNodeState.RUNNING).withRunningTaskSlotsCount(3),
            new ComputeNode().withId("n2").withState(ComputeNodeState.START_TASK_FAILED));
    volatile TaskCounts counts = new TaskCounts().withActive(1).withRunning(1).withCompleted(2).withSucceeded(1)
            .withFailed(1);
    volatile List<CloudTask> running = List.of(new CloudTask().withId("t1").withDisplayName("a.txt")
            .withState(TaskState.RUNNING));
    volatile RuntimeException failure;

    @Override
    public CloudPool pool() {
        poolCalls.incrementAndGet();
        fail();
        return pool;
    }

    @Override
    public List<ComputeNode> nodes() {
        nodeCalls.incrementAndGet();
        return nodes;
    }

    @Override
    public TaskCounts taskCounts() {
        countCalls.incrementAndGet();
        return counts;
    }

    @Override
    public List<CloudTask> runningTasks() {
        runningCalls.incrementAndGet();
        return running;
    }

    @Override
    public synchronized FileChunk taskFile(String taskId, String path, long offset, long maxBytes) {
        fileReads.add(taskId + "/" + path + "@" + offset);
        byte[] all = taskFiles.getOrDefault(taskId + "/" + path, new StringBuilder()).toString()
                .getBytes(StandardCharsets.UTF_8);
        int from = (int) (offset < 0 ? Math.max(0, all.length + offset) : Math.min(offset, all.length));
        int to = (int) Math.min(all.length, from + maxBytes);
        byte[] bytes = new byte[to - from];
        System.arraycopy(all, from, bytes, 0, bytes.length);
        return new FileChunk(bytes, from, all.length);
    }

    @Override
    public FileChunk nodeFile(String nodeId, String path, long offset, long maxBytes) {
        return new FileChunk(new byte[0], 0, 0);
    }

    @Override
    public long requests() {
        return poolCalls.get() + nodeCalls.get() + countCalls.get() + runningCalls.get() + fileReads.size();
    }

    synchronized void append(String taskId, String path, String text) {
        taskFiles.computeIfAbsent(taskId + "/" + path, k -> new StringBuilder()).append(text);
    }

    private void fail() {
        if (failure != null) {
            throw failure;
        }
    }
}
