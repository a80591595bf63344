package io.batchroutes.emulator.handler;

import io.batchroutes.emulator.model.CloudJobSchedule;
import io.batchroutes.emulator.service.JobScheduleService;

/** {@code /jobschedules} and {@code /jobschedules/{jobScheduleId}/jobs}. */
public final class JobSchedulesHandler {
    private final JobScheduleService schedules;
    private final StatisticsHandler statistics;

    public JobSchedulesHandler(JobScheduleService schedules, StatisticsHandler statistics) {
        this.schedules = schedules;
        this.statistics = statistics;
    }

    private CloudJobSchedule expanded(ApiRequest r, CloudJobSchedule s) {
        if (StatisticsHandler.expandsStats(r)) {
            s.stats = statistics.service().jobSchedule(s.id);
        }
        return s;
    }

    public Reply add(ApiRequest r) {
        CloudJobSchedule s = r.bodyAs(CloudJobSchedule.class);
        schedules.add(s);
        CloudJobSchedule added = schedules.get(s.id);
        return Reply.created(added.url, added.eTag, added.lastModified);
    }

    public Reply get(ApiRequest r) {
        CloudJobSchedule s = schedules.get(r.path("jobScheduleId"));
        if (Conditions.notModified(r, s.eTag, s.lastModified)) {
            return Conditions.notModifiedReply(s.eTag, s.lastModified);
        }
        return Reply.entity(expanded(r, s), "jobschedules", s.eTag, s.lastModified);
    }

    public Reply exists(ApiRequest r) {
        if (!schedules.exists(r.path("jobScheduleId"))) {
            return Reply.empty(404);
        }
        CloudJobSchedule s = schedules.get(r.path("jobScheduleId"));
        if (Conditions.notModified(r, s.eTag, s.lastModified)) {
            return Conditions.notModifiedReply(s.eTag, s.lastModified);
        }
        return Reply.empty(200).entityHeaders(s.eTag, s.lastModified);
    }

    public Reply list(ApiRequest r) {
        return Reply.list(schedules.list().stream().map(s -> expanded(r, s)).toList(), "jobschedules");
    }

    public Reply listJobs(ApiRequest r) {
        return Reply.list(schedules.jobs(r.path("jobScheduleId")), "jobs");
    }

    public Reply patch(ApiRequest r) {
        checked(r);
        schedules.patch(r.path("jobScheduleId"), r.bodyAs(CloudJobSchedule.class));
        return updated(r, 200);
    }

    public Reply update(ApiRequest r) {
        checked(r);
        schedules.update(r.path("jobScheduleId"), r.bodyAs(CloudJobSchedule.class));
        return updated(r, 200);
    }

    public Reply disable(ApiRequest r) {
        checked(r);
        schedules.disable(r.path("jobScheduleId"));
        return updated(r, 204);
    }

    public Reply enable(ApiRequest r) {
        checked(r);
        schedules.enable(r.path("jobScheduleId"));
        return updated(r, 204);
    }

    public Reply terminate(ApiRequest r) {
        checked(r);
        schedules.terminate(r.path("jobScheduleId"));
        return updated(r, 202);
    }

    public Reply delete(ApiRequest r) {
        checked(r);
        schedules.delete(r.path("jobScheduleId"));
        return Reply.empty(202);
    }

    private void checked(ApiRequest r) {
        if (!Conditions.any(r)) {
            return;
        }
        CloudJobSchedule s = schedules.get(r.path("jobScheduleId"));
        Conditions.require(r, s.eTag, s.lastModified);
    }

    private Reply updated(ApiRequest r, int status) {
        CloudJobSchedule s = schedules.get(r.path("jobScheduleId"));
        return Reply.empty(status).header("DataServiceId", s.url).entityHeaders(s.eTag, s.lastModified);
    }
}
