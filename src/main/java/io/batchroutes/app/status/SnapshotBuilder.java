package io.batchroutes.app.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeError;
import com.microsoft.azure.batch.protocol.models.ResizeError;
import com.microsoft.azure.batch.protocol.models.StartTaskInformation;
import com.microsoft.azure.batch.protocol.models.TaskCounts;
import io.batchroutes.app.status.StatusSnapshot.Job;
import io.batchroutes.app.status.StatusSnapshot.Node;
import io.batchroutes.app.status.StatusSnapshot.Pool;
import io.batchroutes.app.status.StatusSnapshot.StartTask;
import org.joda.time.DateTime;

/** Turns what Batch answered into the snapshot's plain records (SDK types stay here). */
final class SnapshotBuilder {

    private SnapshotBuilder() {
    }

    static Pool pool(String poolId, CloudPool pool) {
        if (pool == null) {
            return new Pool(poolId, false, null, null, null, 0, 0, 0, 0, 0, false, List.of());
        }
        List<String> resizeErrors = new ArrayList<>();
        if (pool.resizeErrors() != null) {
            for (ResizeError error : pool.resizeErrors()) {
                resizeErrors.add(error.code() + ": " + error.message());
            }
        }
        return new Pool(pool.id(), true, text(pool.state()), text(pool.allocationState()), pool.vmSize(),
                number(pool.targetDedicatedNodes()), number(pool.targetLowPriorityNodes()),
                number(pool.currentDedicatedNodes()), number(pool.currentLowPriorityNodes()),
                pool.taskSlotsPerNode() == null ? 1 : pool.taskSlotsPerNode(),
                Boolean.TRUE.equals(pool.enableAutoScale()), resizeErrors);
    }

    static List<Node> nodes(List<ComputeNode> nodes, int slotsPerNode) {
        List<Node> views = new ArrayList<>(nodes.size());
        for (ComputeNode n : nodes) {
            String state = text(n.state());
            List<String> errors = new ArrayList<>();
            if (n.errors() != null) {
                for (ComputeNodeError error : n.errors()) {
                    errors.add(error.code() + ": " + error.message());
                }
            }
            views.add(new Node(n.id(), state, NodeCategory.of(state).name(), !Boolean.FALSE.equals(n.isDedicated()),
                    number(n.runningTasksCount()), number(n.runningTaskSlotsCount()), slotsPerNode,
                    number(n.totalTasksRun()), number(n.totalTasksSucceeded()), instant(n.stateTransitionTime()),
                    n.ipAddress(), startTask(n.startTaskInfo()), errors));
        }
        views.sort(java.util.Comparator.comparing(Node::id));
        return views;
    }

    static StartTask startTask(StartTaskInformation info) {
        if (info == null) {
            return null;
        }
        String failure = info.failureInfo() == null ? null
                : info.failureInfo().code() + (info.failureInfo().message() == null ? "" : ": " + info.failureInfo().message());
        return new StartTask(text(info.state()), info.exitCode(), text(info.result()), failure, instant(info.endTime()),
                info.retryCount());
    }

    static Job job(String jobId, TaskCounts counts, RecentFiles files) {
        List<List<Integer>> buckets = files.buckets();
        double rate = files.filesPerSecond();
        if (counts == null) {
            return new Job(jobId, false, 0, 0, 0, 0, 0, 0, rate, null, RecentFiles.BUCKET_SECONDS, buckets.get(0),
                    buckets.get(1));
        }
        int pending = counts.active() + counts.running();
        Long eta = pending == 0 ? Long.valueOf(0) : rate > 0 ? Long.valueOf(Math.round(pending / rate)) : null;
        return new Job(jobId, true, counts.active(), counts.running(), counts.completed(), counts.succeeded(),
                counts.failed(), pending + counts.completed(), rate, eta, RecentFiles.BUCKET_SECONDS, buckets.get(0),
                buckets.get(1));
    }

    /** Tells {@code files} which tasks run now, and where (and so which ones stopped running). */
    static void running(List<CloudTask> tasks, RecentFiles files) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (CloudTask task : tasks) {
            ids.add(task.id());
            String node = task.nodeInfo() == null ? null : task.nodeInfo().nodeId();
            Instant started = task.executionInfo() == null ? null : instant(task.executionInfo().startTime());
            files.running(task.id(), task.displayName() == null ? task.id() : task.displayName(), node, started);
        }
        files.onlyTheseRun(ids);
    }

    static Instant instant(DateTime time) {
        return time == null ? null : Instant.ofEpochMilli(time.getMillis());
    }

    private static int number(Integer value) {
        return value == null ? 0 : value;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
