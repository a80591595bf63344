package io.batchroutes.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SharedKeyAuthenticatorTest {
    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            h.put(pairs[i], pairs[i + 1]);
        }
        return h;
    }

    private static Function<String, String> lookup(Map<String, String> h) {
        return name -> h.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    @Test
    void getStringToSignMatchesTheReferenceExample() {
        Map<String, String> h = headers("Content-Type", "application/json; charset=utf-8",
                "ocp-date", "Sun, 22 Nov 2026 08:20:49 GMT", "client-request-id", "x");
        String query = "$filter=state%20eq%20'completed'%20and%20executionInfo%2Fresult%20eq%20'failure'"
                + "&$select=id,state,executionInfo&api-version=2024-07-01.20.0";
        String s = SharedKeyAuthenticator.stringToSign("GET", "/jobs/j1/tasks", query, lookup(h),
                List.copyOf(h.entrySet()), "devaccount");
        assertThat(s).isEqualTo("GET\n\n\n\n\napplication/json; charset=utf-8\n\n\n\n\n\n\n"
                + "ocp-date:Sun, 22 Nov 2026 08:20:49 GMT\n/devaccount/jobs/j1/tasks\n"
                + "$filter:state eq 'completed' and executionInfo/result eq 'failure'\n"
                + "$select:id,state,executionInfo\napi-version:2024-07-01.20.0");
    }

    @Test
    void deleteSignsContentLengthZeroAsReceivedAndEmptyWhenAbsent() {
        Map<String, String> java = headers("Content-Length", "0", "Content-Type", "application/json; charset=utf-8",
                "ocp-date", "D");
        assertThat(SharedKeyAuthenticator.stringToSign("DELETE", "/jobs/j1/tasks/t1", "api-version=v",
                lookup(java), List.copyOf(java.entrySet()), "devaccount"))
                .isEqualTo("DELETE\n\n\n0\n\napplication/json; charset=utf-8\n\n\n\n\n\n\nocp-date:D\n"
                        + "/devaccount/jobs/j1/tasks/t1\napi-version:v");
        Map<String, String> js = headers("content-type", "application/json; charset=utf-8", "ocp-date", "D");
        assertThat(SharedKeyAuthenticator.stringToSign("DELETE", "/jobs/j1/tasks/t1", "api-version=v",
                lookup(js), List.copyOf(js.entrySet()), "devaccount"))
                .startsWith("DELETE\n\n\n\n\napplication/json");
    }

    @Test
    void verifiesRawEncodedPathAndEitherAccountCase() {
        SharedKeyAuthenticator auth = new SharedKeyAuthenticator("DevAccount", KEY, false);
        Map<String, String> h = headers("ocp-date", "D", "ocp-range", "bytes=0-9");
        String path = "/jobs/j1/tasks/t1/files/wd%2Fout%20dir%2Fr.txt";
        for (String signedAs : List.of("devaccount", "DevAccount")) {
            String toSign = SharedKeyAuthenticator.stringToSign("GET", path, "api-version=v", lookup(h),
                    List.copyOf(h.entrySet()), signedAs);
            assertThat(toSign).contains("ocp-date:D\nocp-range:bytes=0-9\n/" + signedAs + "/jobs/j1/tasks/t1/files/wd%2Fout%20dir%2Fr.txt");
            Map<String, String> signed = new LinkedHashMap<>(h);
            signed.put("Authorization", "SharedKey DevAccount:" + Base64.getEncoder().encodeToString(auth.sign(toSign)));
            assertThat(auth.verify("GET", path, "api-version=v", lookup(signed), List.copyOf(signed.entrySet())))
                    .isTrue();
            assertThat(auth.verify("GET", path.toLowerCase(Locale.ROOT) + "x", "api-version=v", lookup(signed),
                    List.copyOf(signed.entrySet()))).isFalse();
            assertThat(auth.verify("GET", path, "api-version=other", lookup(signed), List.copyOf(signed.entrySet())))
                    .isFalse();
        }
    }

    @Test
    void rejectsMissingHeaderWrongAccountAndGarbage() {
        SharedKeyAuthenticator auth = new SharedKeyAuthenticator("acct", KEY, false);
        for (String authorization : new String[] {null, "Bearer x", "SharedKey other:AAAA", "SharedKey acct:!!"}) {
            Map<String, String> h = new LinkedHashMap<>();
            if (authorization != null) {
                h.put("Authorization", authorization);
            }
            assertThat(auth.verify("GET", "/pools", "", lookup(h), List.copyOf(h.entrySet()))).isFalse();
        }
        SharedKeyAuthenticator lenient = new SharedKeyAuthenticator("acct", KEY, true);
        Map<String, String> h = headers("Authorization", "SharedKey ACCT:AAAA");
        assertThat(lenient.verify("GET", "/pools", "", lookup(h), List.copyOf(h.entrySet()))).isTrue();
    }
}
