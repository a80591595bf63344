package io.batchroutes.emulator.store;

import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.JobPreparationAndReleaseTaskExecutionInformation;
import java.util.LinkedHashMap;
import java.util.Map;

/** A job and its tasks. Mutate only inside {@link #locked}. */
public final class JobRecord extends Locked {
    public final long sequence;
    public CloudJob job;
    /** Tasks by lower-cased id, in the order they were added. */
    public final Map<String, TaskRecord> tasks = new LinkedHashMap<>();
    /** By node id: how the job preparation and release tasks ran there (only for jobs with a preparation task). */
    public final Map<String, JobPreparationAndReleaseTaskExecutionInformation> nodeRuns = new LinkedHashMap<>();

    public JobRecord(long sequence, CloudJob job) {
        this.sequence = sequence;
        this.job = job;
    }
}
