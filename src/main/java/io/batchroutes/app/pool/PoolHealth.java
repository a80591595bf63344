package io.batchroutes.app.pool;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ComputeNodeState;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a pool that cannot run anything. Either every node failed its start task (on the local nodes: a program
 * a work type requires is missing), which no wait will mend; or no node has been able to run tasks for
 * {@code batchroutes.batch.unusable-pool-timeout}: all preempted (spot capacity reclaimed and not given back),
 * unusable or offline. Files waiting for such a pool would wait forever, so they fail with the reason instead.
 */
public final class PoolHealth {

    public static final String UNUSABLE_NODE_HEADER = "BatchRoutesUnusableNodeId";
    private static final Logger LOG = LoggerFactory.getLogger(PoolHealth.class);

    /** Checks in a row that must find every node failed before files are failed: a node may be rebooting. */
    private static final int CONFIRMATIONS = 3;

    /** States in which a node runs no task and will not until Batch (or its owner) does something. */
    private static final Set<ComputeNodeState> CANNOT_RUN = EnumSet.of(ComputeNodeState.START_TASK_FAILED,
            ComputeNodeState.PREEMPTED, ComputeNodeState.UNUSABLE, ComputeNodeState.OFFLINE);

    private volatile String startTaskFailure;
    private int failedChecks;
    private long succeededAtLastCheck = -1;
    private final LongSupplier succeededTotal;
    private final Duration unusableTimeout;
    private final Clock clock;
    private Instant unusableSince;
    private String unusableStates;

    /** @param succeededTotal results collected so far (from {@code PipelineMetrics}) */
    public PoolHealth(LongSupplier succeededTotal) {
        this(succeededTotal, Duration.ofMinutes(15), Clock.systemUTC());
    }

    /**
     * @param unusableTimeout how long no node may be able to run tasks (all preempted, unusable, offline) before the
     *                        waiting files fail
     */
    public PoolHealth(LongSupplier succeededTotal, Duration unusableTimeout, Clock clock) {
        this.succeededTotal = succeededTotal;
        this.unusableTimeout = unusableTimeout;
        this.clock = clock;
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

    /**
     * The id of a node to explain why the pool cannot run tasks (every node failed its start task, three checks in a
     * row; or none could run tasks for the unusable timeout), or null while the pool can work.
     */
    public synchronized String unusableNode(@Body List<ComputeNode> nodes) {
        boolean noneCanRun = nodes != null && !nodes.isEmpty() && nodes.stream().allMatch(n -> CANNOT_RUN.contains(n.state()));
        if (!noneCanRun) {
            failedChecks = 0;
            unusableSince = null;
            unusableStates = null;
            startTaskFailure = null;
            return null;
        }
        boolean allStartTaskFailed = nodes.stream().allMatch(n -> n.state() == ComputeNodeState.START_TASK_FAILED);
        failedChecks = allStartTaskFailed ? failedChecks + 1 : 0;
        Instant now = clock.instant();
        if (unusableSince == null) {
            unusableSince = now;
            LOG.warn("No node of the pool can run tasks ({}); waiting files fail if that lasts {}", states(nodes), unusableTimeout);
        }
        unusableStates = allStartTaskFailed ? null : states(nodes);
        if (allStartTaskFailed) {
            return failedChecks >= CONFIRMATIONS ? nodes.get(0).id() : null;
        }
        return !now.isBefore(unusableSince.plus(unusableTimeout)) ? nodes.get(0).id() : null;
    }

    private static String states(List<ComputeNode> nodes) {
        Map<String, Long> counts = nodes.stream().collect(Collectors.groupingBy(n -> n.state().toString(),
                java.util.TreeMap::new, Collectors.counting()));
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /**
     * Records why the pool cannot run tasks, logged once: the start task's failure from the node's
     * {@code startup/stderr.txt}, or the node states that lasted the unusable timeout.
     */
    public String recordStartTaskFailure(@Header(UNUSABLE_NODE_HEADER) String nodeId, @Body byte[] stderr) {
        String states;
        synchronized (this) {
            states = unusableStates;
        }
        String text = stderr == null ? "" : new String(stderr, StandardCharsets.UTF_8).strip();
        String reason = states != null
                ? "The pool cannot run tasks: no node could run them for " + unusableTimeout + " (" + states + ")."
                : "The pool cannot run tasks: the start task failed on every node (node " + nodeId + ")."
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
