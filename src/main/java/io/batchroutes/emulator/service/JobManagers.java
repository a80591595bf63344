package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.JobManagerTask;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job manager tasks: the first task of their job (added with it, so the dispatcher, which takes a job's tasks in the
 * order they were added, starts it first); {@code runExclusive} (default true) makes it take every slot of its node;
 * {@code killJobOnCompletion} (default true) terminates the job with reason {@code JMComplete} when it completes;
 * with {@code allowLowPriorityNode} false it runs on dedicated nodes only.
 */
final class JobManagers {
    private static final Logger LOG = LoggerFactory.getLogger(JobManagers.class);

    private JobManagers() {
    }

    static void validate(JobManagerTask jm) {
        if (jm == null) {
            return;
        }
        Entities.requireId(jm.id, "jobManagerTask.id");
        Entities.require(jm.commandLine, "jobManagerTask.commandLine");
    }

    /** The task the job manager runs as; {@code slotsPerNode} of its pool, for {@code runExclusive}. */
    static CloudTask task(JobManagerTask jm, int slotsPerNode) {
        CloudTask t = new CloudTask();
        t.id = jm.id;
        t.displayName = jm.displayName;
        t.commandLine = jm.commandLine;
        t.resourceFiles = jm.resourceFiles;
        t.outputFiles = jm.outputFiles;
        t.environmentSettings = jm.environmentSettings;
        t.constraints = jm.constraints;
        t.userIdentity = jm.userIdentity;
        t.applicationPackageReferences = jm.applicationPackageReferences;
        t.authenticationTokenSettings = jm.authenticationTokenSettings;
        t.requiredSlots = Boolean.FALSE.equals(jm.runExclusive) ? jm.requiredSlots : Integer.valueOf(slotsPerNode);
        return t;
    }

    /**
     * The nodes a task must not run on: {@code blocked}, and for a job manager with allowLowPriorityNode false also
     * the spot/low-priority nodes. The caller holds the pool's lock.
     */
    static Set<String> excludedNodes(CloudJob job, String taskId, PoolRecord pool, Set<String> blocked) {
        if (!isJobManager(job, taskId) || !Boolean.FALSE.equals(job.jobManagerTask.allowLowPriorityNode)) {
            return blocked;
        }
        Set<String> excluded = new HashSet<>(blocked);
        for (NodeRecord n : pool.nodes.values()) {
            if (!Boolean.TRUE.equals(n.node.isDedicated)) {
                excluded.add(n.node.id);
            }
        }
        return excluded;
    }

    static boolean isJobManager(CloudJob job, String taskId) {
        return job.jobManagerTask != null && job.jobManagerTask.id.equalsIgnoreCase(taskId);
    }

    /** Under the job's lock, once a task completed: a job manager with killJobOnCompletion ends its job. */
    static void afterTaskCompleted(Scheduler scheduler, JobRecord job, TaskRecord rec) {
        CloudJob j = job.job;
        if (isJobManager(j, rec.task.id) && !Boolean.FALSE.equals(j.jobManagerTask.killJobOnCompletion)
                && ("active".equals(j.state) || "disabled".equals(j.state) || "disabling".equals(j.state))) {
            LOG.info("job {}: job manager task {} completed, terminating the job", j.id, rec.task.id);
            JobActions.terminate(scheduler, job, "JMComplete");
        }
    }
}
