package io.batchroutes.component.operations;

import java.util.List;
import java.util.Map;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import io.batchroutes.component.AzureBatchConfigurationOptionsProxy;
import io.batchroutes.component.AzureBatchConstants;
import io.batchroutes.component.AzureBatchOperations;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchErrors;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.batchroutes.component.AzureBatchConfigurationOptionsProxy.required;

/**
 * Job operations.
 */
public class BatchJobOperations {

    private static final Logger LOG = LoggerFactory.getLogger(BatchJobOperations.class);

    private final AzureBatchConfigurationOptionsProxy options;
    private final BatchClientWrapper client;
    private final DeletionWait deletionWait;
    private final JobTargets targets;

    public BatchJobOperations(AzureBatchConfigurationOptionsProxy options, BatchClientWrapper client) {
        this(options, client, new JobTargets(options, null, client));
    }

    public BatchJobOperations(AzureBatchConfigurationOptionsProxy options, BatchClientWrapper client, JobTargets targets) {
        this(options, client, new DeletionWait(options.getConfiguration().getDeletionWaitTimeout()), targets);
    }

    BatchJobOperations(AzureBatchConfigurationOptionsProxy options, BatchClientWrapper client, DeletionWait deletionWait) {
        this(options, client, deletionWait, new JobTargets(options, null, client));
    }

    BatchJobOperations(AzureBatchConfigurationOptionsProxy options, BatchClientWrapper client, DeletionWait deletionWait,
                       JobTargets targets) {
        this.options = options;
        this.client = client;
        this.deletionWait = deletionWait;
        this.targets = targets;
    }

    /**
     * Creates the job unless it exists: from the JobAddParameter body (its missing id and pool filled from jobId and
     * poolId), else from jobId + poolId. A job of that id still being deleted is waited for (deletionWaitTimeout).
     * Returns the job as it is now (it may be completed if it existed).
     */
    public AzureBatchOperationResponse ensureJob(Exchange exchange) throws Exception {
        JobAddParameter job = exchange.getIn().getBody(JobAddParameter.class);
        if (targets.rotates(exchange)) {
            // The family's jobs from before are found; the newest is created from the body (its id replaced).
            String newest = targets.rotation().ensureNewest(client, job, options.getPoolId(exchange));
            return jobResponse(client.getJob(newest, options.getSelect(exchange)));
        }
        String jobId = job != null && ObjectHelper.isNotEmpty(job.id()) ? job.id() : options.getJobId(exchange);
        required(jobId, "a jobId", AzureBatchOperations.ensureJob);
        if (job == null) {
            job = new JobAddParameter();
        }
        if (ObjectHelper.isEmpty(job.id())) {
            job.withId(jobId);
        }
        if (job.poolInfo() == null) {
            String poolId = required(options.getPoolId(exchange), "a poolId or a JobAddParameter body with poolInfo",
                    AzureBatchOperations.ensureJob);
            job.withPoolInfo(new PoolInformation().withPoolId(poolId));
        }
        try {
            JobAddParameter created = job;
            deletionWait.create("job " + jobId, BatchErrors.JOB_BEING_DELETED, () -> client.createJob(created));
            LOG.info("Created Azure Batch job {} on pool {}", jobId, job.poolInfo().poolId());
        } catch (Exception e) {
            if (!BatchErrors.hasCode(e, BatchErrors.JOB_EXISTS)) {
                throw e;
            }
            LOG.info("Azure Batch job {} exists; using it as it is", jobId);
        }
        return jobResponse(client.getJob(jobId, options.getSelect(exchange)));
    }

    /** The job (of a rotating family: its newest job). */
    public AzureBatchOperationResponse getJob(Exchange exchange) throws Exception {
        required(options.getJobId(exchange), "a jobId", AzureBatchOperations.getJob);
        List<String> jobs = targets.all(exchange);
        String jobId = jobs.isEmpty() ? options.getJobId(exchange) : jobs.get(jobs.size() - 1);
        return jobResponse(client.getJob(jobId, options.getSelect(exchange)));
    }

    public AzureBatchOperationResponse terminateJob(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.terminateJob);
        Object body = exchange.getIn().getBody();
        String reason = body instanceof String text && !text.isBlank() ? text : null;
        for (String job : targets.all(exchange)) {
            client.terminateJob(job, reason);
            LOG.info("Terminating Azure Batch job {}{}", job, reason == null ? "" : " (" + reason + ")");
        }
        return AzureBatchOperationResponse.of(true, Map.of(AzureBatchConstants.JOB_ID, jobId));
    }

    public AzureBatchOperationResponse deleteJob(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.deleteJob);
        for (String job : targets.all(exchange)) {
            client.deleteJob(job);
            LOG.info("Deleting Azure Batch job {}", job);
            if (targets.rotates(exchange)) {
                targets.rotation().deleted(job);
            }
        }
        return AzureBatchOperationResponse.of(true, Map.of(AzureBatchConstants.JOB_ID, jobId));
    }

    public AzureBatchOperationResponse getTaskCounts(Exchange exchange) throws Exception {
        String jobId = required(options.getJobId(exchange), "a jobId", AzureBatchOperations.getTaskCounts);
        if (!targets.rotates(exchange)) {
            return AzureBatchOperationResponse.of(client.getTaskCounts(jobId), Map.of(AzureBatchConstants.JOB_ID, jobId));
        }
        TaskCountSum sum = new TaskCountSum();
        for (String job : targets.all(exchange)) {
            try {
                sum.add(client.getTaskCounts(job));
            } catch (Exception e) {
                if (!BatchErrors.hasCode(e, BatchErrors.JOB_NOT_FOUND)) {
                    throw e;
                }
            }
        }
        return AzureBatchOperationResponse.of(sum.result(), Map.of(AzureBatchConstants.JOB_ID, jobId));
    }

    private static AzureBatchOperationResponse jobResponse(CloudJob job) {
        return AzureBatchOperationResponse.of(job, Map.of(AzureBatchConstants.JOB_ID, job.id()));
    }
}
