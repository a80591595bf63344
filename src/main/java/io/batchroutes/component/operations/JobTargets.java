package io.batchroutes.component.operations;

import java.util.List;

import io.batchroutes.component.AzureBatchConfigurationOptionsProxy;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.jobs.JobRotation;
import org.apache.camel.Exchange;

/**
 * The job an operation works on: the exchange's (header, else the endpoint's) job; with a rotating job
 * ({@code tasksPerJob}) and the family's name there, the family job that holds the task, or every family job.
 */
public final class JobTargets {

    private final AzureBatchConfigurationOptionsProxy options;
    private final JobRotation rotation;
    private final BatchClientWrapper client;

    public JobTargets(AzureBatchConfigurationOptionsProxy options, JobRotation rotation, BatchClientWrapper client) {
        this.options = options;
        this.rotation = rotation;
        this.client = client;
    }

    /** The rotation when the exchange's job is its family (or one of its jobs), else null. */
    JobRotation rotationFor(Exchange exchange) {
        String jobId = options.getJobId(exchange);
        return rotation != null && jobId != null && (jobId.equals(rotation.family()) || rotation.isMember(jobId)) ? rotation : null;
    }

    /** The job that holds the task. */
    String forTask(Exchange exchange, String taskId) {
        String jobId = options.getJobId(exchange);
        return rotation != null && rotation.family().equals(jobId) ? rotation.jobOf(taskId) : jobId;
    }

    /** The jobs a job-wide read (counts, lists) covers. */
    List<String> all(Exchange exchange) throws Exception {
        String jobId = options.getJobId(exchange);
        return rotation != null && rotation.family().equals(jobId) ? rotation.jobs(client) : List.of(jobId);
    }

    boolean rotates(Exchange exchange) {
        return rotation != null && rotation.family().equals(options.getJobId(exchange));
    }

    JobRotation rotation() {
        return rotation;
    }
}
