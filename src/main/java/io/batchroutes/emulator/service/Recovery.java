package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.ComputeNode;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.JobScheduleRecord;
import io.batchroutes.emulator.store.PoolRecord;
import io.batchroutes.emulator.store.StateFile;
import io.batchroutes.emulator.store.TaskRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings back saved state after a restart, as a Batch account whose nodes all rebooted: every node boots again
 * (re-running its start task), tasks that were preparing or running are requeued ({@code requeueCount} + 1), jobs
 * that were terminating complete, pools that were resizing are steady, and anything being deleted is gone.
 */
public final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    public static void restore(ServiceContext ctx, Scheduler scheduler, StateFile.State state) {
        BatchStore store = ctx.store();
        int requeued = 0;
        for (StateFile.SavedPool saved : state.pools) {
            if ("deleting".equals(saved.pool.state)) {
                continue;
            }
            PoolRecord record = new PoolRecord(store.nextSequence(), saved.pool);
            record.nodesCreated = saved.nodesCreated;
            if (!"steady".equals(record.pool.allocationState)) {
                // A resize (or stop) saved mid-way had a timer to end it, gone with the process: its nodes are
                // allocated again below, so it is over.
                record.pool.allocationState = "steady";
                record.pool.allocationStateTransitionTime = Entities.now();
            }
            record.locked(() -> {
                store.addPool(record);
                for (ComputeNode node : saved.nodes) {
                    if (!"leavingpool".equals(node.state)) {
                        scheduler.restoreNode(record, node);
                    }
                }
                NodeLifecycle.refreshNodeCounts(record);
            });
        }
        for (StateFile.SavedJob saved : state.jobs) {
            if ("deleting".equals(saved.job.state)) {
                continue;
            }
            JobRecord record = new JobRecord(store.nextSequence(), saved.job);
            for (StateFile.SavedTask st : saved.tasks) {
                TaskRecord t = new TaskRecord(store.nextSequence(), st.task);
                t.dependencySatisfied = st.dependencySatisfied;
                CloudTask task = st.task;
                if ("preparing".equals(task.state) || "running".equals(task.state)) {
                    TaskRunner.transition(task, "active");
                    task.executionInfo.requeueCount = task.executionInfo.requeueCount + 1;
                    task.executionInfo.lastRequeueTime = task.stateTransitionTime;
                    requeued++;
                }
                record.tasks.put(BatchStore.key(task.id), t);
            }
            record.locked(() -> JobActions.completeIfTerminated(scheduler, record));
            store.addJob(record);
        }
        for (StateFile.SavedJobSchedule saved : state.jobSchedules) {
            if (!"deleting".equals(saved.schedule.state)) {
                JobScheduleRecord record = new JobScheduleRecord(store.nextSequence(), saved.schedule);
                record.jobsCreated = saved.jobsCreated;
                record.autoPoolId = saved.autoPoolId;
                store.addJobSchedule(record);
            }
        }
        LOG.info("restored {} pool(s) and {} job(s); {} interrupted task(s) requeued", state.pools.size(),
                state.jobs.size(), requeued);
        scheduler.requestDispatch();
    }
}
