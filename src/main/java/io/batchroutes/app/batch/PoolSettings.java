package io.batchroutes.app.batch;

import java.time.Duration;
import java.util.List;

/**
 * The pool's shape, from configuration.
 *
 * @param autoScaleFormula   blank: fixed node counts; else the pool autoscales with it (node counts are then unused)
 * @param autoScaleInterval  how often the formula is evaluated (the service's minimum is 5 minutes)
 */
public record PoolSettings(String poolId, String vmSize, int dedicatedNodes, int spotNodes, int taskSlotsPerNode,
        PoolSpecFactory.Requirements requirements, List<String> packages, String autoScaleFormula,
        Duration autoScaleInterval) {

    /** The task slots the pool offers: nodes × slots per node (with autoscale, the node counts given as a guess). */
    public int slots() {
        return Math.max(1, dedicatedNodes + spotNodes) * Math.max(1, taskSlotsPerNode);
    }

    public boolean autoScale() {
        return autoScaleFormula != null && !autoScaleFormula.isBlank();
    }
}
