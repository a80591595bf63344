package io.batchroutes.component.operations;

import com.microsoft.azure.batch.protocol.models.TaskCounts;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import com.microsoft.azure.batch.protocol.models.TaskSlotCounts;

/** The task counts of several jobs (a rotating family), added up. */
final class TaskCountSum {

    private int active;
    private int running;
    private int completed;
    private int succeeded;
    private int failed;
    private int slotsActive;
    private int slotsRunning;
    private int slotsCompleted;
    private int slotsSucceeded;
    private int slotsFailed;

    void add(TaskCountsResult result) {
        if (result == null) {
            return;
        }
        TaskCounts counts = result.taskCounts();
        if (counts != null) {
            active += counts.active();
            running += counts.running();
            completed += counts.completed();
            succeeded += counts.succeeded();
            failed += counts.failed();
        }
        TaskSlotCounts slots = result.taskSlotCounts();
        if (slots != null) {
            slotsActive += slots.active();
            slotsRunning += slots.running();
            slotsCompleted += slots.completed();
            slotsSucceeded += slots.succeeded();
            slotsFailed += slots.failed();
        }
    }

    TaskCountsResult result() {
        return new TaskCountsResult()
                .withTaskCounts(new TaskCounts().withActive(active).withRunning(running).withCompleted(completed)
                        .withSucceeded(succeeded).withFailed(failed))
                .withTaskSlotCounts(new TaskSlotCounts().withActive(slotsActive).withRunning(slotsRunning)
                        .withCompleted(slotsCompleted).withSucceeded(slotsSucceeded).withFailed(slotsFailed));
    }
}
