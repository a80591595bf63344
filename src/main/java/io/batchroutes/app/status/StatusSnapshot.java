package io.batchroutes.app.status;

import java.time.Instant;
import java.util.List;

/**
 * What the page, the JSON endpoint and the {@code status} command show: one immutable picture, shared by every
 * viewer. The field names are the JSON's.
 */
public record StatusSnapshot(Instant takenAt, long refreshMillis, String error, Pool pool, List<Node> nodes, Job job,
                             List<FileView> files, Cost cost) {

    /** The pool as Batch reports it; null fields where the pool does not exist (scaled away or not yet created). */
    public record Pool(String id, boolean exists, String state, String allocationState, String vmSize,
                       int targetDedicated, int targetSpot, int currentDedicated, int currentSpot, int slotsPerNode,
                       boolean autoScale, List<String> resizeErrors) {
    }

    /** One compute node: a cell of the heat map. {@code category} is the colour (see {@link NodeCategory}). */
    public record Node(String id, String state, String category, boolean dedicated, int runningTasks,
                       int runningSlots, int slots, int tasksRun, int tasksSucceeded, Instant since, String ip,
                       StartTask startTask, List<String> errors) {
    }

    /** The start task's result on a node. */
    public record StartTask(String state, Integer exitCode, String result, String failure, Instant endTime,
                            int retries) {
    }

    /**
     * The job's task counts (as Batch counts them: every task the job holds) and this daemon's pace: completions per
     * bucket over the last minutes, oldest first, split into succeeded and failed.
     */
    public record Job(String id, boolean exists, int waiting, int running, int completed, int succeeded, int failed,
                      int total, double filesPerSecond, Long etaSeconds, int bucketSeconds, List<Integer> succeededPerBucket,
                      List<Integer> failedPerBucket) {
    }

    /** A file this daemon handled recently. {@code state}: waiting, running, done or failed. */
    public record FileView(String name, String workType, String taskId, String state, String node, Double seconds,
                           Instant updated, String reason, List<Result> results) {
    }

    /** A result on this machine, downloadable from the page at {@code href}. */
    public record Result(String name, String href) {
    }

    /** What the status page costs: refreshes made and the Batch requests they sent (also in batchroutes_batch_calls_total). */
    public record Cost(long refreshes, long batchRequests, long followReads) {
    }
}
