package io.batchroutes.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.batchroutes.emulator.handler.ListQuery;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.service.BatchErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** OData response shaping: {@code odata.metadata}, {@code $select}, and for lists {@code $filter} and paging. */
final class ODataResponses {
    static final int MAX_RESULTS = 1000;
    static final String SKIP_TOKEN = "$skiptoken";

    /** Properties each entity set may be filtered on (names are case-sensitive, as in the service). */
    private static final Map<String, Set<String>> FILTERABLE = Map.of(
            "tasks", Set.of("id", "displayName", "state", "previousState", "stateTransitionTime",
                    "previousStateTransitionTime", "creationTime", "lastModified", "commandLine", "requiredSlots",
                    "executionInfo/result", "executionInfo/exitCode", "executionInfo/startTime",
                    "executionInfo/endTime", "executionInfo/retryCount", "executionInfo/requeueCount",
                    "executionInfo/failureInfo/code", "executionInfo/failureInfo/category", "nodeInfo/nodeId",
                    "nodeInfo/poolId"),
            "jobs", Set.of("id", "displayName", "state", "previousState", "stateTransitionTime", "creationTime",
                    "lastModified", "priority", "poolInfo/poolId", "executionInfo/startTime", "executionInfo/endTime",
                    "executionInfo/poolId", "executionInfo/terminateReason", "onAllTasksComplete", "onTaskFailure"),
            "jobschedules", Set.of("id", "displayName", "state", "previousState", "stateTransitionTime",
                    "creationTime", "lastModified", "executionInfo/nextRunTime", "executionInfo/recentJob/id",
                    "executionInfo/endTime", "schedule/recurrenceInterval"),
            "pools", Set.of("id", "displayName", "state", "stateTransitionTime", "allocationState",
                    "allocationStateTransitionTime", "creationTime", "lastModified", "vmSize", "taskSlotsPerNode",
                    "currentDedicatedNodes", "currentLowPriorityNodes", "targetDedicatedNodes",
                    "targetLowPriorityNodes"),
            "nodes", Set.of("id", "state", "schedulingState", "stateTransitionTime", "lastBootTime", "allocationTime",
                    "isDedicated", "runningTasksCount", "runningTaskSlotsCount", "totalTasksRun",
                    "totalTasksSucceeded", "startTaskInfo/state", "startTaskInfo/result", "startTaskInfo/exitCode",
                    "startTaskInfo/startTime", "startTaskInfo/endTime"),
            "files", Set.of("name", "isDirectory"),
            "supportedimages", Set.of("osType", "verificationType", "nodeAgentSKUId"),
            "poolnodecounts", Set.of("poolId"),
            "jobpreparationandreleasetaskstatus", Set.of("poolId", "nodeId",
                    "jobPreparationTaskExecutionInfo/state", "jobPreparationTaskExecutionInfo/result",
                    "jobReleaseTaskExecutionInfo/state", "jobReleaseTaskExecutionInfo/result"));

    private ODataResponses() {
    }

    static String metadata(String baseUrl, String fragment) {
        return baseUrl + "/$metadata#" + fragment;
    }

    static ObjectNode entity(Object entity, String entitySet, String baseUrl, String select) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("odata.metadata", metadata(baseUrl, entitySet + "/@Element"));
        out.setAll(select((ObjectNode) Json.MAPPER.valueToTree(entity), select));
        return out;
    }

    /**
     * A page of a list.
     *
     * @param nextLinkBase the absolute URL of this request without its {@code $skiptoken}, ending in '?' or '&'
     */
    static ObjectNode list(List<?> items, String entitySet, String baseUrl, Map<String, String> query,
            String nextLinkBase) {
        ListQuery q = listQuery(entitySet, query);
        int maxResults = q.maxResults();
        int skip = q.skip();
        List<JsonNode> matched = new ArrayList<>();
        for (Object item : items) {
            JsonNode node = Json.MAPPER.valueToTree(item);
            if (q.filter().test(path -> ODataFilter.at(node, path))) {
                matched.add(node);
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("odata.metadata", metadata(baseUrl, entitySet));
        ArrayNode value = out.putArray("value");
        int end = Math.min(matched.size(), skip + maxResults);
        for (int i = skip; i < end; i++) {
            value.add(select((ObjectNode) matched.get(i), query.get("$select")));
        }
        if (end < matched.size()) {
            out.put("odata.nextLink", nextLinkBase + SKIP_TOKEN + "=" + end);
        }
        return out;
    }

    /** Parses and validates a list's {@code $filter}, {@code $skiptoken} and {@code maxresults} for an entity set. */
    static ListQuery listQuery(String entitySet, Map<String, String> query) {
        Predicate<Function<String, JsonNode>> filter = lookup -> true;
        String filterText = query.get("$filter");
        if (filterText != null && !filterText.isBlank()) {
            try {
                filter = ODataFilter.parseLookup(filterText, FILTERABLE.getOrDefault(entitySet, Set.of()));
            } catch (ODataFilter.InvalidFilterException e) {
                throw BatchErrorCode.INVALID_QUERY_PARAMETER_VALUE.exceptionWithMessage(
                        "Value for one of the query parameters specified in the request URI is invalid.",
                        "QueryParameterName", "$filter", "QueryParameterValue", filterText, "Reason", e.getMessage());
            }
        }
        return new ListQuery(filter, intParam(query, SKIP_TOKEN, 0, 0, Integer.MAX_VALUE),
                intParam(query, "maxresults", MAX_RESULTS, 1, MAX_RESULTS));
    }

    /** A page the handler already filtered and cut; only {@code $select} and the next link are added here. */
    static ObjectNode page(List<?> items, String entitySet, String baseUrl, Map<String, String> query,
            String nextLinkBase, int nextSkip) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("odata.metadata", metadata(baseUrl, entitySet));
        ArrayNode value = out.putArray("value");
        for (Object item : items) {
            value.add(select((ObjectNode) Json.MAPPER.valueToTree(item), query.get("$select")));
        }
        if (nextSkip >= 0) {
            out.put("odata.nextLink", nextLinkBase + SKIP_TOKEN + "=" + nextSkip);
        }
        return out;
    }

    private static int intParam(Map<String, String> query, String name, int dflt, int min, int max) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw BatchErrorCode.INVALID_QUERY_PARAMETER_VALUE.exception("QueryParameterName", name,
                "QueryParameterValue", v, "Reason", "Must be an integer in " + min + ".." + max);
    }

    static ObjectNode select(ObjectNode node, String select) {
        if (select == null || select.isBlank()) {
            return node;
        }
        Set<String> keep = Arrays.stream(select.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Iterator<String> names = node.fieldNames();
        List<String> drop = new ArrayList<>();
        names.forEachRemaining(n -> {
            if (!keep.contains(n)) {
                drop.add(n);
            }
        });
        node.remove(drop);
        return node;
    }
}
