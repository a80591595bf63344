package io.batchroutes.emulator.store;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulator's state: pools (with their nodes) and jobs (with their tasks), keyed by lower-cased id because Batch
 * ids are case-insensitive but case-preserving. Each record carries its own lock. Kept in memory; the records are
 * plain wire models so that writing them to the data directory can be added without changing callers.
 */
public final class BatchStore {
    private final ConcurrentHashMap<String, PoolRecord> pools = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, JobRecord> jobs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, JobScheduleRecord> jobSchedules = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    public static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    public PoolRecord pool(String id) {
        return pools.get(key(id));
    }

    /** Adds the pool unless one with the same id exists; returns the existing one, or null when added. */
    public PoolRecord addPool(PoolRecord record) {
        return pools.putIfAbsent(key(record.pool.id), record);
    }

    public void removePool(PoolRecord record) {
        pools.remove(key(record.pool.id), record);
    }

    public List<PoolRecord> pools() {
        return pools.values().stream().sorted(Comparator.comparingLong(r -> r.sequence)).toList();
    }

    public JobRecord job(String id) {
        return jobs.get(key(id));
    }

    public JobRecord addJob(JobRecord record) {
        return jobs.putIfAbsent(key(record.job.id), record);
    }

    public void removeJob(JobRecord record) {
        jobs.remove(key(record.job.id), record);
    }

    public List<JobRecord> jobs() {
        return jobs.values().stream().sorted(Comparator.comparingLong(r -> r.sequence)).toList();
    }

    public JobScheduleRecord jobSchedule(String id) {
        return jobSchedules.get(key(id));
    }

    public JobScheduleRecord addJobSchedule(JobScheduleRecord record) {
        return jobSchedules.putIfAbsent(key(record.schedule.id), record);
    }

    public void removeJobSchedule(JobScheduleRecord record) {
        jobSchedules.remove(key(record.schedule.id), record);
    }

    public List<JobScheduleRecord> jobSchedules() {
        return jobSchedules.values().stream().sorted(Comparator.comparingLong(r -> r.sequence)).toList();
    }
}
