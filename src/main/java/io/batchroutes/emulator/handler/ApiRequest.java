package io.batchroutes.emulator.handler;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.service.ApiVersion;
import io.batchroutes.emulator.service.BatchErrorCode;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A request as the handlers see it: decoded path parameters, decoded query parameters (keys lower-cased), headers
 * (case-insensitive) and the body.
 */
public final class ApiRequest {
    private final String method;
    private final Map<String, String> pathParams;
    private final Map<String, String> query;
    private final Function<String, String> headers;
    private final byte[] body;
    private final Function<String, ListQuery> listQueries;

    /** @param listQueries parses this request's list parameters for an entity set (400 when they are invalid) */
    public ApiRequest(String method, Map<String, String> pathParams, Map<String, String> query,
            Function<String, String> headers, byte[] body, Function<String, ListQuery> listQueries) {
        this.method = method;
        this.pathParams = pathParams;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.listQueries = listQueries;
    }

    /** {@code $filter}, {@code $skiptoken} and {@code maxresults} for a list of {@code entitySet}. */
    public ListQuery listQuery(String entitySet) {
        return listQueries.apply(entitySet);
    }

    public String method() {
        return method;
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    public String query(String name) {
        return query.get(name.toLowerCase(Locale.ROOT));
    }

    /** The request's {@code api-version} (already checked by the HTTP layer). */
    public ApiVersion apiVersion() {
        return ApiVersion.of(query("api-version"));
    }

    public boolean queryFlag(String name) {
        return Boolean.parseBoolean(query(name));
    }

    public String header(String name) {
        return headers.apply(name);
    }

    public byte[] body() {
        return body;
    }

    /** The body read as a wire model; an empty body gives null, malformed JSON a 400 InvalidRequestBody. */
    public <T> T bodyAs(Class<T> type) {
        if (body.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exceptionWithMessage(
                    "The specified request body is not syntactically valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
    }
}
