package io.batchroutes.emulator.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A list request's {@code $filter} (over property lookups, see {@code ModelProperties}), {@code $skiptoken} and
 * {@code maxresults}, parsed and validated by the HTTP layer for one entity set.
 */
public record ListQuery(Predicate<Function<String, JsonNode>> filter, int skip, int maxResults) {
}
