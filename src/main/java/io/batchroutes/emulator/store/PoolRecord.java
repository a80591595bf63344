package io.batchroutes.emulator.store;

import io.batchroutes.emulator.model.CloudPool;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pool and its nodes. Mutate only inside {@link #locked}. */
public final class PoolRecord extends Locked {
    public final long sequence;
    public CloudPool pool;
    /** Nodes by id, in creation order. */
    public final Map<String, NodeRecord> nodes = new LinkedHashMap<>();
    /** Counts nodes ever created, to give each a distinct id. */
    public int nodesCreated;
    /** When the autoscale formula is next evaluated; null without autoscale. Not saved: a restart re-evaluates. */
    public java.time.Instant nextAutoScale;
    /** Counts resizes, so that the end of an earlier one's {@code resizing} period leaves a later one alone. */
    public int resizeGeneration;

    public PoolRecord(long sequence, CloudPool pool) {
        this.sequence = sequence;
        this.pool = pool;
    }
}
