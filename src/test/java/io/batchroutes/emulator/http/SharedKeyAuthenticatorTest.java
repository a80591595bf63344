package io.batchroutes.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SharedKeyAuthenticatorTest {
    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final Instant NOW = Instant.parse("2026-11-22T08:20:49Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String DATE = "Sun, 22 Nov 2026 08:20:49 GMT";

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
        SharedKeyAuthenticator auth = new SharedKeyAuthenticator("DevAccount", KEY, false, CLOCK);
        Map<String, String> h = headers("ocp-date", DATE, "ocp-range", "bytes=0-9");
        String path = "/jobs/j1/tasks/t1/files/wd%2Fout%20dir%2Fr.txt";
        for (String signedAs : List.of("devaccount", "DevAccount")) {
            String toSign = SharedKeyAuthenticator.stringToSign("GET", path, "api-version=v", lookup(h),
                    List.copyOf(h.entrySet()), signedAs);
            assertThat(toSign).contains("ocp-date:" + DATE + "\nocp-range:bytes=0-9\n/" + signedAs + "/jobs/j1/tasks/t1/files/wd%2Fout%20dir%2Fr.txt");
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
        SharedKeyAuthenticator auth = new SharedKeyAuthenticator("acct", KEY, false, CLOCK);
        for (String authorization : new String[] {null, "Bearer x", "SharedKey other:AAAA", "SharedKey acct:!!"}) {
            Map<String, String> h = new LinkedHashMap<>();
            if (authorization != null) {
                h.put("Authorization", authorization);
            }
            assertThat(auth.verify("GET", "/pools", "", lookup(h), List.copyOf(h.entrySet()))).isFalse();
        }
        SharedKeyAuthenticator lenient = new SharedKeyAuthenticator("acct", KEY, true, CLOCK);
        Map<String, String> h = headers("Authorization", "SharedKey ACCT:AAAA", "ocp-date", DATE);
        assertThat(lenient.verify("GET", "/pools", "", lookup(h), List.copyOf(h.entrySet()))).isTrue();
    }

    /** Signatures expire (the service's rule): the date must be there, RFC 1123, and within 15 minutes. */
    @Test
    void aSignatureIsGoodOnlyWithinFifteenMinutesOfItsDate() {
        SharedKeyAuthenticator auth = new SharedKeyAuthenticator("acct", KEY, false, CLOCK);
        SharedKeyAuthenticator lenient = new SharedKeyAuthenticator("acct", KEY, true, CLOCK);
        for (String date : new String[] {null, "", "   ", "yesterday", "Sat, 01 Jan 2000 00:00:00 GMT",
                rfc1123(NOW.minusSeconds(16 * 60)), rfc1123(NOW.plusSeconds(16 * 60))}) {
            for (String header : new String[] {"ocp-date", "Date"}) {
                Map<String, String> h = signedGet(auth, header, date);
                assertThat(auth.check("GET", "/pools", "api-version=v", lookup(h), List.copyOf(h.entrySet())))
                        .as(header + ": " + date).isNotNull();
                assertThat(lenient.verify("GET", "/pools", "api-version=v", lookup(h), List.copyOf(h.entrySet())))
                        .as("lenient, " + header + ": " + date).isFalse();
            }
        }
        for (String date : new String[] {DATE, rfc1123(NOW.minusSeconds(14 * 60)), rfc1123(NOW.plusSeconds(14 * 60))}) {
            for (String header : new String[] {"ocp-date", "Date"}) {
                Map<String, String> h = signedGet(auth, header, date);
                assertThat(auth.check("GET", "/pools", "api-version=v", lookup(h), List.copyOf(h.entrySet())))
                        .as(header + ": " + date).isNull();
            }
        }
        Map<String, String> old = signedGet(auth, "ocp-date", "Sat, 01 Jan 2000 00:00:00 GMT");
        assertThat(auth.check("GET", "/pools", "api-version=v", lookup(old), List.copyOf(old.entrySet())))
                .contains("more than 15 minutes");
    }

    private static Map<String, String> signedGet(SharedKeyAuthenticator auth, String dateHeader, String date) {
        Map<String, String> h = new LinkedHashMap<>();
        if (date != null) {
            h.put(dateHeader, date);
        }
        String toSign = SharedKeyAuthenticator.stringToSign("GET", "/pools", "api-version=v", lookup(h),
                List.copyOf(h.entrySet()), "acct");
        h.put("Authorization", "SharedKey acct:" + Base64.getEncoder().encodeToString(auth.sign(toSign)));
        return h;
    }

    private static String rfc1123(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
    }
}
