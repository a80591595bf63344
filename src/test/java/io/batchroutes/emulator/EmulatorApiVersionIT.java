package io.batchroutes.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code api-version} query parameter as the service reads it: each documented version from the oldest an SDK
 * here sends to 2025-06-01 is answered, a missing or unknown one gets the service's 400 error body. Plain HTTP with
 * lenient auth, since no SDK lets its version be changed.
 */
class EmulatorApiVersionIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static BatchEmulator emulator;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        emulator = BatchEmulator.start(EmulatorSettings.defaults().lenientAuth(true));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static HttpResponse<String> get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.url() + pathAndQuery))
                .header("Authorization", "SharedKey " + emulator.accountName() + ":bGVuaWVudA==")
                .header("ocp-date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyDocumentedVersionFromTheOldestSdkOnIsAnswered() throws Exception {
        for (String version : new String[] {"2022-10-01.16.0", "2023-05-01.17.0", "2023-11-01.18.0",
                "2024-02-01.19.0", "2024-07-01.20.0", "2025-06-01"}) {
            HttpResponse<String> r = get("/pools?api-version=" + version);
            assertThat(r.statusCode()).as(version + ": " + r.body()).isEqualTo(200);
            assertThat(JSON.readTree(r.body()).has("value")).isTrue();
        }
    }

    @Test
    void aMissingVersionIsTheServicesMissingRequiredQueryParameter() throws Exception {
        HttpResponse<String> r = get("/pools");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("code").asText()).isEqualTo("MissingRequiredQueryParameter");
        assertThat(body.path("message").path("value").asText())
                .startsWith("A query parameter that's mandatory for this request is not specified.");
        assertThat(body.path("values").get(0).path("key").asText()).isEqualTo("QueryParameterName");
        assertThat(body.path("values").get(0).path("value").asText()).isEqualTo("api-version");
    }

    @Test
    void anUnknownOrRetiredVersionIsAnInvalidQueryParameterValue() throws Exception {
        for (String version : new String[] {"bogus", "2018-12-01.8.0", "2022-01-01.15.0", "2025-06-01.21.0"}) {
            HttpResponse<String> r = get("/jobs?api-version=" + version);
            assertThat(r.statusCode()).as(version).isEqualTo(400);
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("code").asText()).isEqualTo("InvalidQueryParameterValue");
            assertThat(body.path("values").toString()).contains("\"QueryParameterName\"", "\"api-version\"",
                    "\"QueryParameterValue\"", "\"" + version + "\"");
        }
    }

    @Test
    void lifetimeStatisticsExistIn2022_10_01OnlyAsInTheSpecification() throws Exception {
        HttpResponse<String> jobs = get("/lifetimejobstats?api-version=2022-10-01.16.0");
        assertThat(jobs.statusCode()).isEqualTo(200);
        JsonNode js = JSON.readTree(jobs.body());
        assertThat(js.path("odata.metadata").asText()).endsWith("#jobstats/@Element");
        assertThat(js.path("url").asText()).endsWith("/lifetimejobstats");
        assertThat(js.has("numSucceededTasks") && js.has("wallClockTime") && js.has("startTime")).isTrue();
        HttpResponse<String> pools = get("/lifetimepoolstats?api-version=2022-10-01.16.0");
        assertThat(pools.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(pools.body()).path("usageStats").has("dedicatedCoreTime")).isTrue();
        for (String version : new String[] {"2023-05-01.17.0", "2024-07-01.20.0", "2025-06-01"}) {
            for (String path : new String[] {"/lifetimejobstats", "/lifetimepoolstats"}) {
                HttpResponse<String> r = get(path + "?api-version=" + version);
                assertThat(r.statusCode()).as(path + " " + version).isEqualTo(404);
                assertThat(JSON.readTree(r.body()).path("code").asText()).isEqualTo("ResourceNotFound");
            }
        }
    }

    @Test
    void theVersionIsCheckedBeforeTheRouteIsLookedUp() throws Exception {
        assertThat(get("/certificates").statusCode()).isEqualTo(400);
        assertThat(get("/pools/nope?api-version=2024-07-01.20.0").statusCode()).isEqualTo(404);
    }
}
