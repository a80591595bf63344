package io.batchroutes.app.pool;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongSupplier;

import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a pool that cannot run anything: every node failed its start task (on the local nodes: a program a
 * work type requires is missing). Files waiting for such a pool would wait forever, so they fail with the
 * start task's own words instead.
 */
public final class PoolHealth {

    public static final String UNUSABLE_NODE_HEADER = "BatchRoutesUnusableNodeId";
    private static final Logger LOG = LoggerFactory.getLogger(PoolHealth.class);

    /** Checks in a row that must find every node failed before files are failed: a node may be rebooting. */
    private static final int CONFIRMATIONS = 3;

    private volatile String startTaskFailure;
    private int failedChecks;
    private long succeededAtLastCheck = -1;
    private final LongSupplier succeededTotal;

    /** @param succeededTotal results collected so far (from {@code PipelineMetrics}) */
    public PoolHealth(LongSupplier succeededTotal) {
        this.succeededTotal = succeededTotal;
    }

    /**
     * Whether results were collected since the last round: a pool that delivers is usable, so the round need not
     * list the nodes (which spares a Batch call every few seconds while work flows).
     */
    public synchronized boolean deliveredSinceLastCheck() {
        long now = succeededTotal.getAsLong();
        boolean delivered = succeededAtLastCheck >= 0 && now > succeededAtLastCheck;
        succeededAtLastCheck = now;
        return delivered;
    }

    /** The id of a node whose start task failed when no node can run tasks, or null while the pool can work. */
    public synchronized String unusableNode(@Body List<ComputeNode> nodes) {
        boolean allFailed = nodes != null && !nodes.isEmpty()
                && nodes.stream().allMatch(n -> n.state() == ComputeNodeState.START_TASK_FAILED);
        if (!allFailed) {
            failedChecks = 0;
            startTaskFailure = null;
            return null;
        }
        return ++failedChecks >= CONFIRMATIONS ? nodes.get(0).id() : null;
    }

    /** Records the start task's failure, from the node's {@code startup/stderr.txt}, and logs it once. */
    public String recordStartTaskFailure(@Header(UNUSABLE_NODE_HEADER) String nodeId, @Body byte[] stderr) {
        String text = stderr == null ? "" : new String(stderr, StandardCharsets.UTF_8).strip();
        String reason = "The pool cannot run tasks: the start task failed on every node (node " + nodeId + ")."
                + (text.isEmpty() ? "" : "\nstart task stderr:\n" + text);
        if (!reason.equals(startTaskFailure)) {
            LOG.error("{}", reason);
        }
        startTaskFailure = reason;
        return reason;
    }

    public String startTaskFailure() {
        return startTaskFailure;
    }
}
