package io.batchroutes.component.operations;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an operation returns: the new message body and the headers to add. Immutable.
 */
public final class AzureBatchOperationResponse {

    private final Object body;
    private final Map<String, Object> headers;

    private AzureBatchOperationResponse(Object body, Map<String, Object> headers) {
        this.body = body;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static AzureBatchOperationResponse of(Object body, Map<String, Object> headers) {
        return new AzureBatchOperationResponse(body, headers);
    }

    public static AzureBatchOperationResponse of(Object body) {
        return new AzureBatchOperationResponse(body, Map.of());
    }

    public Object getBody() {
        return body;
    }

    public Map<String, Object> getHeaders() {
        return headers;
    }
}
