package io.batchroutes.emulator.store;

import io.batchroutes.emulator.model.CloudJobSchedule;

/** A job schedule and how many jobs it has created. Mutate only inside {@link #locked}. */
public final class JobScheduleRecord extends Locked {
    public final long sequence;
    public CloudJobSchedule schedule;
    /** Jobs created so far; the next one is {@code <scheduleId>:job-<jobsCreated + 1>}. */
    public int jobsCreated;
    /** The pool of an auto-pool specification with lifetime {@code jobschedule}, once created; else null. */
    public String autoPoolId;

    public JobScheduleRecord(long sequence, CloudJobSchedule schedule) {
        this.sequence = sequence;
        this.schedule = schedule;
    }
}
