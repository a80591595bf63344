package io.batchroutes.emulator.store;

import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.SubtaskInformation;
import java.util.List;

/** A task; guarded by its job's lock. */
public final class TaskRecord {
    public final long sequence;
    public final CloudTask task;
    /** Pool and node holding the task's slots while it is preparing or running, else null. */
    public String poolId;
    public String nodeId;
    /** For a multi-instance task while it holds nodes: all of them, the primary's first; else null. */
    public List<String> instanceNodeIds;
    /** For a multi-instance task once it ran: its subtasks (ids 1 to numberOfInstances - 1); else null. */
    public List<SubtaskInformation> subtasks;
    /** Set when a user ends the task (terminate, delete, job terminate); the runner then records it that way. */
    public volatile String endRequest;
    /** Once completed: whether tasks depending on it may run (exit options' dependencyAction). */
    public boolean dependencySatisfied;
    /** Whether its record has been removed (task or job deleted) while it ran. */
    public volatile boolean deleted;
    /** Whether its directory was deleted because its retention time passed. */
    public boolean filesCleanedUp;

    public TaskRecord(long sequence, CloudTask task) {
        this.sequence = sequence;
        this.task = task;
    }
}
