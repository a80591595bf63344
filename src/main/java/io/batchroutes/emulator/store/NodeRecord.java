package io.batchroutes.emulator.store;

import io.batchroutes.emulator.model.ComputeNode;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** A node of a pool; guarded by its pool's lock. */
public final class NodeRecord {
    public final ComputeNode node;
    /** The node's root directory (AZ_BATCH_NODE_ROOT_DIR). */
    public final Path root;
    public final int totalSlots;
    public int usedSlots;
    /** Keys ({@code job/task}, lower case) of the tasks holding slots here. */
    public final Set<String> taskKeys = new LinkedHashSet<>();
    /**
     * A reboot or reimage asked for with taskcompletion/retaineddata (or waiting for killed tasks to go): "reboot" or
     * "reimage" until the node's last task has left, then null; the node takes no new tasks meanwhile.
     */
    public String pendingRestart;
    /** Set on every boot; a delayed step of an earlier boot sees a different one and does nothing. */
    public int bootGeneration;
    /** Environment variables of the application packages installed on the node ({@code AZ_BATCH_APP_PACKAGE_*}). */
    public final java.util.Map<String, String> applicationPackageEnvironment = new java.util.LinkedHashMap<>();

    public NodeRecord(ComputeNode node, Path root, int totalSlots) {
        this.node = node;
        this.root = root;
        this.totalSlots = totalSlots;
    }

    public int freeSlots() {
        return totalSlots - usedSlots;
    }
}
