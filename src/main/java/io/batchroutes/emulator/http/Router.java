package io.batchroutes.emulator.http;

import io.batchroutes.emulator.handler.AccountHandler;
import io.batchroutes.emulator.handler.ApiRequest;
import io.batchroutes.emulator.handler.ApplicationsHandler;
import io.batchroutes.emulator.handler.FilesHandler;
import io.batchroutes.emulator.handler.JobSchedulesHandler;
import io.batchroutes.emulator.handler.JobsHandler;
import io.batchroutes.emulator.handler.NodesHandler;
import io.batchroutes.emulator.handler.PoolsHandler;
import io.batchroutes.emulator.handler.Reply;
import io.batchroutes.emulator.handler.StatisticsHandler;
import io.batchroutes.emulator.handler.TasksHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Maps method + raw path to a handler. Path segments are percent-decoded one by one, so a file path arrives whole
 * whether the client encoded its slashes ({@code wd%2Fout.txt}, as both SDKs do) or not. Anything before the first
 * known top-level segment is a base-URL prefix and is skipped (it is still signed).
 */
final class Router {
    /** Top-level collections of the Batch data plane, built or not. */
    private static final Set<String> TOP_LEVEL = Set.of("pools", "jobs", "jobschedules", "certificates",
            "applications", "supportedimages", "nodecounts", "lifetimejobstats", "lifetimepoolstats",
            "poolusagemetrics");

    record Match(Function<ApiRequest, Reply> handler, Map<String, String> params) {
    }

    private record Route(String method, String[] pattern, Function<ApiRequest, Reply> handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router(PoolsHandler pools, JobsHandler jobs, TasksHandler tasks, FilesHandler files, AccountHandler account,
            JobSchedulesHandler schedules, StatisticsHandler statistics, NodesHandler nodes,
            ApplicationsHandler applications) {
        add("GET", "supportedimages", account::listSupportedImages);
        add("GET", "applications", applications::list);
        add("GET", "applications/{applicationId}", applications::get);
        add("PATCH", "pools/{poolId}", pools::patch);
        add("POST", "pools/{poolId}/updateproperties", pools::updateProperties);
        add("POST", "pools/{poolId}/stopresize", pools::stopResize);
        add("POST", "pools/{poolId}/removenodes", nodes::removeNodes);
        add("POST", "pools/{poolId}/nodes/{nodeId}/reboot", nodes::reboot);
        add("POST", "pools/{poolId}/nodes/{nodeId}/reimage", nodes::reimage);
        add("POST", "pools/{poolId}/nodes/{nodeId}/disablescheduling", nodes::disableScheduling);
        add("POST", "pools/{poolId}/nodes/{nodeId}/enablescheduling", nodes::enableScheduling);
        add("POST", "pools", pools::add);
        add("GET", "pools", pools::list);
        add("GET", "pools/{poolId}", pools::get);
        add("HEAD", "pools/{poolId}", pools::exists);
        add("DELETE", "pools/{poolId}", pools::delete);
        add("POST", "pools/{poolId}/resize", pools::resize);
        add("POST", "pools/{poolId}/enableautoscale", pools::enableAutoScale);
        add("POST", "pools/{poolId}/disableautoscale", pools::disableAutoScale);
        add("POST", "pools/{poolId}/evaluateautoscale", pools::evaluateAutoScale);
        add("GET", "nodecounts", nodes::nodeCounts);
        add("GET", "pools/{poolId}/nodes", nodes::list);
        add("GET", "pools/{poolId}/nodes/{nodeId}", nodes::get);
        add("GET", "pools/{poolId}/nodes/{nodeId}/files", files::listNodeFiles);
        add("GET", "pools/{poolId}/nodes/{nodeId}/files/**", files::getNodeFile);
        add("HEAD", "pools/{poolId}/nodes/{nodeId}/files/**", files::getNodeFile);
        add("DELETE", "pools/{poolId}/nodes/{nodeId}/files/**", files::deleteNodeFile);
        add("POST", "jobs", jobs::add);
        add("GET", "jobs", jobs::list);
        add("GET", "jobs/{jobId}", jobs::get);
        add("PATCH", "jobs/{jobId}", jobs::patch);
        add("PUT", "jobs/{jobId}", jobs::update);
        add("POST", "jobs/{jobId}/disable", jobs::disable);
        add("POST", "jobs/{jobId}/enable", jobs::enable);
        add("GET", "jobs/{jobId}/jobpreparationandreleasetaskstatus", jobs::preparationAndReleaseStatus);
        add("DELETE", "jobs/{jobId}", jobs::delete);
        add("POST", "jobs/{jobId}/terminate", jobs::terminate);
        add("GET", "jobs/{jobId}/taskcounts", jobs::taskCounts);
        add("POST", "jobs/{jobId}/tasks", tasks::add);
        add("GET", "jobs/{jobId}/tasks", tasks::list);
        add("POST", "jobs/{jobId}/addtaskcollection", tasks::addCollection);
        add("GET", "jobs/{jobId}/tasks/{taskId}", tasks::get);
        add("DELETE", "jobs/{jobId}/tasks/{taskId}", tasks::delete);
        add("PUT", "jobs/{jobId}/tasks/{taskId}", tasks::update);
        add("POST", "jobs/{jobId}/tasks/{taskId}/reactivate", tasks::reactivate);
        add("POST", "jobs/{jobId}/tasks/{taskId}/terminate", tasks::terminate);
        add("GET", "jobs/{jobId}/tasks/{taskId}/subtasksinfo", tasks::listSubtasks);
        add("GET", "jobs/{jobId}/tasks/{taskId}/files", files::listTaskFiles);
        add("GET", "jobs/{jobId}/tasks/{taskId}/files/**", files::getTaskFile);
        add("HEAD", "jobs/{jobId}/tasks/{taskId}/files/**", files::getTaskFile);
        add("DELETE", "jobs/{jobId}/tasks/{taskId}/files/**", files::deleteTaskFile);
        // job schedules
        add("POST", "jobschedules", schedules::add);
        add("GET", "jobschedules", schedules::list);
        add("GET", "jobschedules/{jobScheduleId}", schedules::get);
        add("HEAD", "jobschedules/{jobScheduleId}", schedules::exists);
        add("PATCH", "jobschedules/{jobScheduleId}", schedules::patch);
        add("PUT", "jobschedules/{jobScheduleId}", schedules::update);
        add("DELETE", "jobschedules/{jobScheduleId}", schedules::delete);
        add("POST", "jobschedules/{jobScheduleId}/disable", schedules::disable);
        add("POST", "jobschedules/{jobScheduleId}/enable", schedules::enable);
        add("POST", "jobschedules/{jobScheduleId}/terminate", schedules::terminate);
        add("GET", "jobschedules/{jobScheduleId}/jobs", schedules::listJobs);
        add("GET", "lifetimejobstats", statistics::lifetimeJobs);
        add("GET", "lifetimepoolstats", statistics::lifetimePools);
    }

    private void add(String method, String pattern, Function<ApiRequest, Reply> handler) {
        routes.add(new Route(method, pattern.split("/"), handler));
    }

    /** The handler for the request, or null when the emulator does not implement it. */
    Match match(String method, String rawPath) {
        List<String> raw = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                raw.add(s);
            }
        }
        int start = 0;
        while (start < raw.size() && !TOP_LEVEL.contains(raw.get(start))) {
            start++;
        }
        List<String> segments = raw.subList(start, raw.size());
        for (Route route : routes) {
            if (!route.method.equals(method)) {
                continue;
            }
            Map<String, String> params = matchPattern(route.pattern, segments);
            if (params != null) {
                return new Match(route.handler, params);
            }
        }
        return null;
    }

    private static Map<String, String> matchPattern(String[] pattern, List<String> segments) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.equals("**")) {
                if (i >= segments.size()) {
                    return null;
                }
                List<String> rest = new ArrayList<>();
                for (String s : segments.subList(i, segments.size())) {
                    rest.add(decode(s));
                }
                params.put("filePath", String.join("/", rest));
                return params;
            }
            if (i >= segments.size()) {
                return null;
            }
            String s = segments.get(i);
            if (p.startsWith("{")) {
                params.put(p.substring(1, p.length() - 1), decode(s));
            } else if (!p.equals(s)) {
                return null;
            }
        }
        return pattern.length == segments.size() ? params : null;
    }

    /** Percent-decoding for paths: {@code +} is a literal plus here, unlike in queries. */
    static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
