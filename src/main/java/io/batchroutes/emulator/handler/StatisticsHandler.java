package io.batchroutes.emulator.handler;

import io.batchroutes.emulator.service.StatisticsService;
import java.util.Arrays;

/**
 * {@code /lifetimejobstats} and {@code /lifetimepoolstats} (in the versions that have them), and the
 * {@code $expand=stats} of jobs, job schedules and pools.
 */
public final class StatisticsHandler {
    private final StatisticsService statistics;

    public StatisticsHandler(StatisticsService statistics) {
        this.statistics = statistics;
    }

    public Reply lifetimeJobs(ApiRequest r) {
        StatisticsService.requireLifetimeStatistics(r.apiVersion());
        return Reply.entity(statistics.lifetimeJobs(), "jobstats", null, null);
    }

    public Reply lifetimePools(ApiRequest r) {
        StatisticsService.requireLifetimeStatistics(r.apiVersion());
        return Reply.entity(statistics.lifetimePools(), "poolstats", null, null);
    }

    /** Whether {@code $expand} asks for {@code stats}. */
    static boolean expandsStats(ApiRequest r) {
        String expand = r.query("$expand");
        return expand != null && Arrays.stream(expand.split(",")).anyMatch(e -> e.trim().equals("stats"));
    }

    StatisticsService service() {
        return statistics;
    }
}
