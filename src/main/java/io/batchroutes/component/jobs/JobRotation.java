package io.batchroutes.component.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobState;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job that rotates (option {@code tasksPerJob}): tasks go to the newest of the jobs {@code <family>-g<n>}; once it
 * holds {@code tasksPerJob} tasks the next add starts a new one. An older job is deleted, one call for all its tasks,
 * as soon as every task it holds was processed and no add to it is under way. Batch has no call that deletes many
 * tasks; deleting each collected task costs a call per task, deleting its job costs one per {@code tasksPerJob}.
 * <p>
 * What a job holds is known from the adds (a task id is recorded before it is sent) and, after a restart, from one
 * list of the account's jobs and one list of each family job's task ids: all of them are then older jobs, and a new
 * newest one is created. A task id one of them holds is added to that job again, never to another (so the service
 * answers TaskExists there, as it would within one job). A task whose add had no answer may or may not exist: once it
 * is all that keeps its job, {@link #uncertain} names it for a look ({@code getTask}).
 * <p>
 * Only tasks added through the component (or found at a restart) are known; a task someone adds to a family job with
 * another client is not waited for.
 */
public final class JobRotation {

    private static final Logger LOG = LoggerFactory.getLogger(JobRotation.class);

    private final String family;
    private final int tasksPerJob;
    private final Pattern member;
    private final TreeMap<Integer, Generation> generations = new TreeMap<>();
    private Generation newest;
    private boolean discovered;
    private String poolId;
    private JobAddParameter template;

    JobRotation(String family, int tasksPerJob) {
        this.family = family;
        this.tasksPerJob = tasksPerJob;
        this.member = Pattern.compile(Pattern.quote(family) + "-g([0-9]{1,9})");
    }

    /** One job of the family. */
    private static final class Generation {
        final String jobId;
        final Set<String> ids = new HashSet<>();
        /** Held and not yet processed. */
        final Set<String> open = new HashSet<>();
        /** Open, and their add had no answer: they may not exist. */
        final Set<String> uncertain = new HashSet<>();
        int addsUnderWay;

        Generation(String jobId) {
            this.jobId = jobId;
        }
    }

    /** Where an add goes: the job, and the task ids sent to it. */
    public record Lease(String jobId, List<String> taskIds) {
    }

    public String family() {
        return family;
    }

    public int tasksPerJob() {
        return tasksPerJob;
    }

    /**
     * Finds the family's jobs (once) and makes sure there is a newest one, created from the template (its id is
     * replaced) or, without one, on the pool. Returns the newest job's id.
     */
    public synchronized String ensureNewest(BatchClientWrapper client, JobAddParameter jobTemplate, String pool)
            throws Exception {
        if (jobTemplate != null) {
            template = jobTemplate;
        }
        if (pool != null) {
            poolId = pool;
        }
        discover(client);
        if (newest == null) {
            startNext(client);
        }
        return newest.jobId;
    }

    /**
     * Begins adding these tasks: each one a job of the family already holds goes to that job, the others to the newest
     * (a new one when it is full). Ends with {@link #endAdd}, which must always be called.
     */
    public synchronized List<Lease> beginAdd(BatchClientWrapper client, Collection<String> taskIds, String pool)
            throws Exception {
        if (pool != null && poolId == null) {
            poolId = pool;
        }
        discover(client);
        Map<String, List<String>> byJob = new LinkedHashMap<>();
        List<String> fresh = new ArrayList<>();
        for (String id : taskIds) {
            Generation holder = holderOf(id);
            if (holder != null) {
                byJob.computeIfAbsent(holder.jobId, k -> new ArrayList<>()).add(id);
            } else {
                fresh.add(id);
            }
        }
        if (!fresh.isEmpty()) {
            if (newest == null || newest.ids.size() >= tasksPerJob) {
                startNext(client);
            }
            newest.ids.addAll(fresh);
            newest.open.addAll(fresh);
            byJob.computeIfAbsent(newest.jobId, k -> new ArrayList<>()).addAll(fresh);
        }
        List<Lease> leases = new ArrayList<>();
        byJob.forEach((jobId, ids) -> {
            generation(jobId).addsUnderWay++;
            leases.add(new Lease(jobId, ids));
        });
        return leases;
    }

    /**
     * Ends an add: tasks the service refused are no longer held; tasks it did not answer for stay held, uncertain.
     */
    public synchronized void endAdd(Lease lease, Collection<String> refused, Collection<String> unanswered) {
        Generation generation = generation(lease.jobId());
        if (generation == null) {
            return;
        }
        generation.addsUnderWay--;
        for (String id : refused) {
            generation.ids.remove(id);
            generation.open.remove(id);
            generation.uncertain.remove(id);
        }
        for (String id : unanswered) {
            if (generation.open.contains(id)) {
                generation.uncertain.add(id);
            }
        }
        lease.taskIds().stream().filter(id -> !refused.contains(id) && !unanswered.contains(id))
                .forEach(generation.uncertain::remove);
    }

    /** The job that holds the task; the newest (or the family name before there is one) if none does. */
    public synchronized String jobOf(String taskId) {
        Generation holder = holderOf(taskId);
        if (holder != null) {
            return holder.jobId;
        }
        return newest != null ? newest.jobId : family;
    }

    /** Whether the id is one of the family's jobs this rotation knows. */
    public synchronized boolean isMember(String jobId) {
        return generation(jobId) != null;
    }

    /** The family's jobs, oldest first (found first if need be). */
    public synchronized List<String> jobs(BatchClientWrapper client) throws Exception {
        discover(client);
        return generations.values().stream().map(g -> g.jobId).toList();
    }

    /** The task was processed (collected, or found already collected): its job no longer waits for it. */
    public synchronized void processed(String jobId, String taskId) {
        Generation generation = generation(jobId);
        if (generation != null) {
            generation.open.remove(taskId);
            generation.uncertain.remove(taskId);
        }
    }

    /** The older jobs whose every task was processed, with no add under way: to delete. */
    public synchronized List<String> drained() {
        return generations.values().stream()
                .filter(g -> g != newest && g.addsUnderWay == 0 && g.open.isEmpty()).map(g -> g.jobId).toList();
    }

    /**
     * For each older job kept only by tasks whose add had no answer: those tasks, to look up. One not found is
     * {@link #processed} (it never existed), one found {@link #confirmed}.
     */
    public synchronized Map<String, List<String>> uncertain() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Generation g : generations.values()) {
            if (g != newest && g.addsUnderWay == 0 && !g.uncertain.isEmpty() && g.uncertain.containsAll(g.open)) {
                result.put(g.jobId, List.copyOf(g.uncertain));
            }
        }
        return result;
    }

    /** The task exists after all: its job waits for it to be processed. */
    public synchronized void confirmed(String jobId, String taskId) {
        Generation generation = generation(jobId);
        if (generation != null) {
            generation.uncertain.remove(taskId);
        }
    }

    /** The job was deleted (or is gone). */
    public synchronized void deleted(String jobId) {
        Generation generation = generation(jobId);
        if (generation != null) {
            generations.values().remove(generation);
            if (generation == newest) {
                // Deleted from outside: the next add starts a new one.
                newest = null;
            }
        }
    }

    private Generation holderOf(String taskId) {
        for (Generation g : generations.descendingMap().values()) {
            if (g.ids.contains(taskId)) {
                return g;
            }
        }
        return null;
    }

    private Generation generation(String jobId) {
        for (Generation g : generations.values()) {
            if (g.jobId.equals(jobId)) {
                return g;
            }
        }
        return null;
    }

    /** Number of a family job id: {@code <family>-g<n>} is n; the family name itself (a job from before rotation) 0. */
    Integer number(String jobId) {
        if (family.equals(jobId)) {
            return 0;
        }
        Matcher matcher = member.matcher(jobId);
        return matcher.matches() ? Integer.valueOf(matcher.group(1)) : null;
    }

    private void discover(BatchClientWrapper client) throws Exception {
        if (discovered) {
            return;
        }
        int tasks = 0;
        for (CloudJob job : client.listJobs(null, "id,state")) {
            Integer number = job.id() == null ? null : number(job.id());
            if (number == null || job.state() == JobState.DELETING) {
                continue;
            }
            Generation generation = new Generation(job.id());
            for (CloudTask task : client.listTasks(job.id(), null, "id", null)) {
                generation.ids.add(task.id());
            }
            generation.open.addAll(generation.ids);
            tasks += generation.ids.size();
            generations.put(number, generation);
        }
        discovered = true;
        if (!generations.isEmpty()) {
            LOG.info("Azure Batch jobs of {} from before: {} holding {} tasks; each is deleted once its tasks are processed",
                    family, generations.values().stream().map(g -> g.jobId).toList(), tasks);
        }
    }

    /** Creates the next job of the family and makes it the newest. */
    private void startNext(BatchClientWrapper client) throws Exception {
        int number = generations.isEmpty() ? 1 : generations.lastKey() + 1;
        for (int attempt = 0;; attempt++, number++) {
            String jobId = family + "-g" + number;
            JobAddParameter job = template != null ? template : new JobAddParameter();
            job.withId(jobId);
            if (job.poolInfo() == null) {
                if (poolId == null) {
                    throw new IllegalStateException("Job " + family + " rotates: it needs a poolId (or ensureJob first)");
                }
                job.withPoolInfo(new PoolInformation().withPoolId(poolId));
            }
            try {
                client.createJob(job);
            } catch (Exception e) {
                boolean taken = BatchErrors.hasCode(e, BatchErrors.JOB_EXISTS) || BatchErrors.hasCode(e, BatchErrors.JOB_BEING_DELETED);
                if (!taken || attempt >= 100) {
                    throw e;
                }
                continue;
            }
            Generation generation = new Generation(jobId);
            generations.put(number, generation);
            newest = generation;
            LOG.info("Created Azure Batch job {} on pool {} (the newest of {}; {} tasks per job)", jobId,
                    job.poolInfo().poolId(), family, tasksPerJob);
            return;
        }
    }
}
