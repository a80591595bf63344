package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.JobPreparationAndReleaseTaskExecutionInformation;
import io.batchroutes.emulator.model.JobPreparationTask;
import io.batchroutes.emulator.model.JobReleaseTask;
import io.batchroutes.emulator.model.JobTaskExecutionInformation;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.node.NodeAgent;
import io.batchroutes.emulator.node.NodeFailures;
import io.batchroutes.emulator.node.RunControl;
import io.batchroutes.emulator.node.RunResult;
import io.batchroutes.emulator.node.RunSpec;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.PoolRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's preparation task (run on a node before the job's first task there) and release task (run on each of those
 * nodes when the job ends), with the per-node status that {@code jobpreparationandreleasetaskstatus} lists.
 * The per-node records live in {@link JobRecord#nodeRuns}, guarded by the job's lock.
 */
final class JobPreparations {
    private static final Logger LOG = LoggerFactory.getLogger(JobPreparations.class);
    private static final Duration DEFAULT_RELEASE_WALL_CLOCK = Duration.ofMinutes(15);

    private final NodeAgent agent;
    private final Scheduler scheduler;
    private final Executor workers;
    /** One preparation at a time per job and node, however many of the job's tasks land there at once. */
    private final Map<String, Object> nodeLocks = new ConcurrentHashMap<>();

    JobPreparations(NodeAgent agent, Scheduler scheduler, Executor workers) {
        this.agent = agent;
        this.scheduler = scheduler;
        this.workers = workers;
    }

    static Path preparationDir(NodeRecord node, String jobId) {
        return node.root.resolve("workitems").resolve(jobId).resolve("job-1").resolve("jobpreparation");
    }

    private static Path releaseDir(NodeRecord node, String jobId) {
        return node.root.resolve("workitems").resolve(jobId).resolve("job-1").resolve("jobrelease");
    }

    /** Whether the job's preparation task failed on this node with waitForSuccess; its tasks then avoid the node. */
    static boolean blocksNode(JobRecord job, String nodeId) {
        JobPreparationAndReleaseTaskExecutionInformation info = job.nodeRuns.get(nodeId);
        return info != null && info.jobPreparationTaskExecutionInfo != null
                && "failure".equals(info.jobPreparationTaskExecutionInfo.result) && waitsForSuccess(job.job);
    }

    private static boolean waitsForSuccess(CloudJob job) {
        return job.jobPreparationTask != null && !Boolean.FALSE.equals(job.jobPreparationTask.waitForSuccess);
    }

    /**
     * Runs the job's preparation task on the node unless it has run there; returns whether the job's task may run
     * (it succeeded, or the job does not wait for its success). Called on a worker before the task's first attempt.
     */
    boolean prepare(JobRecord job, PoolRecord pool, NodeRecord node, RunControl control) {
        JobPreparationTask prep = job.locked(() -> Json.copy(job.job.jobPreparationTask, JobPreparationTask.class));
        if (prep == null) {
            return true;
        }
        String jobId = job.locked(() -> job.job.id);
        synchronized (nodeLocks.computeIfAbsent(jobId + "/" + node.node.id, k -> new Object())) {
            JobTaskExecutionInformation done = job.locked(() -> {
                var info = job.nodeRuns.get(node.node.id);
                return info == null ? null : info.jobPreparationTaskExecutionInfo;
            });
            if (done != null && "completed".equals(done.state)) {
                return "success".equals(done.result) || Boolean.FALSE.equals(prep.waitForSuccess);
            }
            Path dir = preparationDir(node, jobId);
            JobTaskExecutionInformation info = new JobTaskExecutionInformation();
            info.state = "running";
            info.startTime = Entities.now();
            info.retryCount = 0;
            info.taskRootDirectory = "workitems/" + jobId + "/job-1/jobpreparation";
            info.taskRootDirectoryUrl = node.node.url + "/files/" + info.taskRootDirectory;
            job.locked(() -> record(job, pool, node).jobPreparationTaskExecutionInfo = info);
            Map<String, String> env = scheduler.baseEnvironment(pool.pool.id, node, dir, dir.resolve("wd"));
            env.put("AZ_BATCH_JOB_ID", jobId);
            env.put("AZ_BATCH_TASK_ID", prep.id == null ? "jobpreparation" : prep.id);
            job.locked(() -> env.putAll(TaskEnvironment.settings(job.job.commonEnvironmentSettings)));
            env.putAll(TaskEnvironment.settings(prep.environmentSettings));
            Duration wallClock = prep.constraints == null ? null
                    : Entities.duration(prep.constraints.maxWallClockTime, "jobPreparationTask.constraints");
            int maxRetries = prep.constraints == null || prep.constraints.maxTaskRetryCount == null ? 0
                    : prep.constraints.maxTaskRetryCount;
            RunSpec spec = new RunSpec("job " + jobId + " preparation task on " + node.node.id, dir, dir.resolve("wd"),
                    prep.commandLine, env, scheduler.resourceFiles(prep.resourceFiles), null, wallClock);
            RunResult result = scheduler.runWithRetries(spec, control, maxRetries, retry -> job.locked(() -> {
                info.retryCount = retry;
                info.lastRetryTime = Entities.now();
            }));
            RunResult r = result;
            job.locked(() -> complete(info, r));
            LOG.info("job {}: preparation task on node {} {} (exit code {})", jobId, node.node.id,
                    r.succeeded() ? "succeeded" : "failed", r.exitCode());
            return r.succeeded() || Boolean.FALSE.equals(prep.waitForSuccess);
        }
    }

    private static JobPreparationAndReleaseTaskExecutionInformation record(JobRecord job, PoolRecord pool,
            NodeRecord node) {
        return job.nodeRuns.computeIfAbsent(node.node.id, id -> {
            var info = new JobPreparationAndReleaseTaskExecutionInformation();
            info.poolId = pool.pool.id;
            info.nodeId = node.node.id;
            info.nodeUrl = node.node.url;
            return info;
        });
    }

    private static void complete(JobTaskExecutionInformation info, RunResult r) {
        info.state = "completed";
        info.startTime = r.startTime();
        info.endTime = r.endTime();
        info.exitCode = r.exitCode();
        info.failureInfo = r.failureInfo();
        info.result = r.result();
    }

    /**
     * Starts the release task on every node that ran the preparation task and has not released yet; returns
     * whether any release task is still to finish. Caller holds the job's lock; {@code whenDone} runs under it.
     */
    boolean release(JobRecord job, Runnable whenDone) {
        JobReleaseTask release = job.job.jobReleaseTask;
        if (release == null) {
            return false;
        }
        boolean pending = false;
        for (var info : job.nodeRuns.values()) {
            if (info.jobReleaseTaskExecutionInfo != null) {
                pending |= "running".equals(info.jobReleaseTaskExecutionInfo.state);
                continue;
            }
            PoolRecord pool = scheduler.pool(info.poolId);
            NodeRecord node = pool == null ? null : pool.locked(() -> pool.nodes.get(info.nodeId));
            if (node == null) {
                continue;
            }
            JobTaskExecutionInformation exec = new JobTaskExecutionInformation();
            exec.state = "running";
            exec.startTime = Entities.now();
            exec.taskRootDirectory = "workitems/" + job.job.id + "/job-1/jobrelease";
            exec.taskRootDirectoryUrl = node.node.url + "/files/" + exec.taskRootDirectory;
            info.jobReleaseTaskExecutionInfo = exec;
            pending = true;
            RunSpec spec = releaseSpec(job.job, release, pool, node);
            workers.execute(() -> {
                RunResult r = runGuarded(spec);
                job.locked(() -> {
                    complete(exec, r);
                    whenDone.run();
                });
                LOG.info("job {}: release task on node {} {}", spec.environment().get("AZ_BATCH_JOB_ID"),
                        info.nodeId, r.succeeded() ? "succeeded" : "failed");
            });
        }
        return pending;
    }

    /**
     * The worker's boundary: an Error (or any exception) while running a release task ends that release as failed,
     * so the job still finishes terminating and the worker lives on.
     */
    private RunResult runGuarded(RunSpec spec) {
        Instant start = Entities.now();
        try {
            return agent.run(spec, new RunControl());
        } catch (Throwable e) { // an Error too: a release left "running" would hold the job in terminating forever
            LOG.error("{} failed", spec.label(), e);
            return new RunResult(start, Entities.now(), null, NodeFailures.failure("Unknown",
                    "The emulator's node agent failed", "Message", e.toString()), RunResult.Phase.PROCESS);
        }
    }

    private RunSpec releaseSpec(CloudJob job, JobReleaseTask release, PoolRecord pool, NodeRecord node) {
        Path dir = releaseDir(node, job.id);
        Map<String, String> env = scheduler.baseEnvironment(pool.pool.id, node, dir, dir.resolve("wd"));
        env.put("AZ_BATCH_JOB_ID", job.id);
        env.put("AZ_BATCH_TASK_ID", release.id == null ? "jobrelease" : release.id);
        env.put("AZ_BATCH_JOB_PREP_DIR", preparationDir(node, job.id).toString());
        env.put("AZ_BATCH_JOB_PREP_WORKING_DIR", preparationDir(node, job.id).resolve("wd").toString());
        env.putAll(TaskEnvironment.settings(job.commonEnvironmentSettings));
        env.putAll(TaskEnvironment.settings(release.environmentSettings));
        Duration wallClock = release.maxWallClockTime == null ? DEFAULT_RELEASE_WALL_CLOCK
                : Entities.duration(release.maxWallClockTime, "jobReleaseTask.maxWallClockTime");
        return new RunSpec("job " + job.id + " release task on " + node.node.id, dir, dir.resolve("wd"),
                release.commandLine, env, scheduler.resourceFiles(release.resourceFiles), null, wallClock);
    }

    /**
     * A node restarted: its preparation tasks run again before the job's next task there, after a reimage always,
     * after a reboot unless {@code rerunOnNodeRebootAfterSuccess} is false (as the service documents).
     */
    void forgetNode(java.util.Collection<JobRecord> jobs, String nodeId, boolean reimaged) {
        for (JobRecord job : jobs) {
            job.locked(() -> {
                JobPreparationTask prep = job.job.jobPreparationTask;
                if (job.nodeRuns.containsKey(nodeId)
                        && (reimaged || prep == null || !Boolean.FALSE.equals(prep.rerunOnNodeRebootAfterSuccess))) {
                    job.nodeRuns.remove(nodeId);
                }
            });
        }
    }

    /** The per-node status list; the job must have a preparation task. Caller holds the job's lock. */
    static List<JobPreparationAndReleaseTaskExecutionInformation> status(JobRecord job) {
        if (job.job.jobPreparationTask == null) {
            throw BatchErrorCode.JOB_PREPARATION_TASK_NOT_SPECIFIED.exception();
        }
        List<JobPreparationAndReleaseTaskExecutionInformation> list = new ArrayList<>();
        job.nodeRuns.values().forEach(i -> list.add(Json.copy(i, JobPreparationAndReleaseTaskExecutionInformation.class)));
        return list;
    }
}
