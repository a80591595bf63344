package io.batchroutes.app;

import java.util.List;

/** The pool's shape, from configuration. */
public record PoolSettings(String poolId, String vmSize, int dedicatedNodes, int spotNodes, int taskSlotsPerNode,
        PoolSpecFactory.Requirements requirements, List<String> packages) {
}
