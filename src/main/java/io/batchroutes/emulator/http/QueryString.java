package io.batchroutes.emulator.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A raw query string split into decoded parameters, as both SDKs and the SharedKey scheme read it. */
final class QueryString {
    /** One parameter: the raw text as received, and the decoded key (lower case) and value. */
    record Param(String raw, String key, String value) {
    }

    private final List<Param> params;

    private QueryString(List<Param> params) {
        this.params = params;
    }

    static QueryString parse(String rawQuery) {
        List<Param> params = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String part : rawQuery.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String k = eq < 0 ? part : part.substring(0, eq);
                String v = eq < 0 ? "" : part.substring(eq + 1);
                params.add(new Param(part, decode(k).toLowerCase(Locale.ROOT), decode(v)));
            }
        }
        return new QueryString(params);
    }

    /** Form decoding ({@code +} is a space), as Java's {@code URLDecoder}; malformed escapes are kept verbatim. */
    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    List<Param> params() {
        return params;
    }

    /** Decoded parameters by lower-cased key; the last one wins. */
    Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        params.forEach(p -> map.put(p.key(), p.value()));
        return map;
    }
}
