package io.batchroutes.emulator.handler;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a handler answers; the HTTP layer turns it into a response. Header names are written exactly as given here,
 * because the Java SDK reads them case-sensitively.
 */
public final class Reply {
    /** How the HTTP layer writes the body. */
    public enum Kind {
        /** No body. */
        EMPTY,
        /** One entity with {@code odata.metadata}; {@code $select} applies. */
        ENTITY,
        /** {@code value} + {@code odata.nextLink}; {@code $filter}, {@code $select}, {@code maxresults} apply. */
        LIST,
        /** A plain JSON body. */
        JSON,
        /** Bytes of a file, optionally a range given by {@code ocp-range}. */
        FILE
    }

    public final int status;
    public final Kind kind;
    public final Map<String, String> headers = new LinkedHashMap<>();
    public final Object body;
    /** For ENTITY and LIST: the OData entity set, e.g. {@code tasks}; also picks the filterable properties. */
    public final String entitySet;
    public final Path file;
    public final String range;
    /** For a LIST the handler already filtered and cut: where the next page starts (-1: none); else null. */
    public final Integer nextSkip;

    private Reply(int status, Kind kind, Object body, String entitySet, Path file, String range, Integer nextSkip) {
        this.status = status;
        this.kind = kind;
        this.body = body;
        this.entitySet = entitySet;
        this.file = file;
        this.range = range;
        this.nextSkip = nextSkip;
    }

    private Reply(int status, Kind kind, Object body, String entitySet, Path file, String range) {
        this(status, kind, body, entitySet, file, range, null);
    }

    /** A page the handler filtered and cut itself (see {@link ApiRequest#listQuery}); {@code $select} still applies. */
    public static Reply page(List<?> items, String entitySet, int nextSkip) {
        return new Reply(200, Kind.LIST, items, entitySet, null, null, nextSkip);
    }

    public static Reply empty(int status) {
        return new Reply(status, Kind.EMPTY, null, null, null, null);
    }

    /** 201 Created with the entity's address in {@code DataServiceId} and {@code Location}. */
    public static Reply created(String url, String eTag, Instant lastModified) {
        return empty(201).header("DataServiceId", url).header("Location", url).entityHeaders(eTag, lastModified);
    }

    public static Reply entity(Object entity, String entitySet, String eTag, Instant lastModified) {
        return new Reply(200, Kind.ENTITY, entity, entitySet, null, null).entityHeaders(eTag, lastModified);
    }

    public static Reply list(List<?> items, String entitySet) {
        return new Reply(200, Kind.LIST, items, entitySet, null, null);
    }

    public static Reply json(int status, Object body) {
        return new Reply(status, Kind.JSON, body, null, null, null);
    }

    /** File bytes; {@code range} is the raw {@code ocp-range} header or null. */
    public static Reply file(Path file, String range) {
        return new Reply(200, Kind.FILE, null, null, file, range);
    }

    public Reply header(String name, String value) {
        if (value != null) {
            headers.put(name, value);
        }
        return this;
    }

    public Reply entityHeaders(String eTag, Instant lastModified) {
        header("ETag", eTag);
        if (lastModified != null) {
            header("Last-Modified", HttpDate.format(lastModified));
        }
        return this;
    }
}
