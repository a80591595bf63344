package io.batchroutes.emulator.handler;

import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.JobDisableParameter;
import io.batchroutes.emulator.model.JobTerminateParameter;
import io.batchroutes.emulator.service.JobService;
import io.batchroutes.emulator.service.JobStarter;

/** {@code /jobs}. */
public final class JobsHandler {
    private final JobService jobs;
    private final JobStarter starter;
    private final StatisticsHandler statistics;

    public JobsHandler(JobService jobs, JobStarter starter, StatisticsHandler statistics) {
        this.jobs = jobs;
        this.starter = starter;
        this.statistics = statistics;
    }

    private CloudJob expanded(ApiRequest r, CloudJob j) {
        if (StatisticsHandler.expandsStats(r)) {
            j.stats = statistics.service().job(j.id);
        }
        return j;
    }

    public Reply add(ApiRequest r) {
        CloudJob j = r.bodyAs(CloudJob.class);
        starter.add(j);
        CloudJob added = jobs.get(j.id);
        return Reply.created(added.url, added.eTag, added.lastModified);
    }

    public Reply get(ApiRequest r) {
        CloudJob j = jobs.get(r.path("jobId"));
        if (Conditions.notModified(r, j.eTag, j.lastModified)) {
            return Conditions.notModifiedReply(j.eTag, j.lastModified);
        }
        return Reply.entity(expanded(r, j), "jobs", j.eTag, j.lastModified);
    }

    public Reply list(ApiRequest r) {
        return Reply.list(jobs.list().stream().map(j -> expanded(r, j)).toList(), "jobs");
    }

    public Reply patch(ApiRequest r) {
        checked(r);
        jobs.patch(r.path("jobId"), r.bodyAs(CloudJob.class));
        CloudJob j = jobs.get(r.path("jobId"));
        return Reply.empty(200).header("DataServiceId", j.url).entityHeaders(j.eTag, j.lastModified);
    }

    public Reply terminate(ApiRequest r) {
        checked(r);
        JobTerminateParameter p = r.bodyAs(JobTerminateParameter.class);
        jobs.terminate(r.path("jobId"), p == null ? null : p.terminateReason);
        CloudJob j = jobs.get(r.path("jobId"));
        return Reply.empty(202).header("DataServiceId", j.url).entityHeaders(j.eTag, j.lastModified);
    }

    public Reply delete(ApiRequest r) {
        checked(r);
        jobs.delete(r.path("jobId"));
        return Reply.empty(202);
    }

    public Reply taskCounts(ApiRequest r) {
        return Reply.entity(jobs.taskCounts(r.path("jobId")), "taskcounts", null, null);
    }

    public Reply update(ApiRequest r) {
        checked(r);
        jobs.update(r.path("jobId"), r.bodyAs(CloudJob.class));
        return updated(r.path("jobId"), 200);
    }

    public Reply disable(ApiRequest r) {
        checked(r);
        JobDisableParameter p = r.bodyAs(JobDisableParameter.class);
        jobs.disable(r.path("jobId"), p == null ? null : p.disableTasks);
        return updated(r.path("jobId"), 202);
    }

    public Reply enable(ApiRequest r) {
        checked(r);
        jobs.enable(r.path("jobId"));
        return updated(r.path("jobId"), 202);
    }

    public Reply preparationAndReleaseStatus(ApiRequest r) {
        return Reply.list(jobs.preparationAndReleaseStatus(r.path("jobId")), "jobpreparationandreleasetaskstatus");
    }

    private Reply updated(String jobId, int status) {
        CloudJob j = jobs.get(jobId);
        return Reply.empty(status).header("DataServiceId", j.url).entityHeaders(j.eTag, j.lastModified);
    }

    private void checked(ApiRequest r) {
        if (!Conditions.any(r)) {
            return;
        }
        CloudJob j = jobs.get(r.path("jobId"));
        Conditions.require(r, j.eTag, j.lastModified);
    }
}
