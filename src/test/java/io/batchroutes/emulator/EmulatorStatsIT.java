package io.batchroutes.emulator;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /_emulator/stats} counts the Batch API requests served, for benchmarks that count calls per task; it is
 * signed like the API (it would otherwise tell anyone on the host where the emulator listens).
 */
class EmulatorStatsIT {

    @Test
    void countsEveryAuthenticatedRequestAndNothingElse() throws Exception {
        try (BatchEmulator emulator = BatchEmulator.start(EmulatorSettings.defaults())) {
            long before = requests(emulator);
            BatchClient client = BatchClient.open(new BatchSharedKeyCredentials(emulator.url(), emulator.accountName(), emulator.accountKey()));
            assertThat(client.poolOperations().existsPool("nope")).isFalse();
            client.jobOperations().listJobs();

            assertThat(requests(emulator)).isEqualTo(before + 2);
            assertThat(requests(emulator)).as("reading the stats is not counted").isEqualTo(before + 2);
        }
    }

    @Test
    void statsAndEveryOtherEmulatorPathRequireSharedKey() throws Exception {
        try (BatchEmulator emulator = BatchEmulator.start(EmulatorSettings.defaults())) {
            RawHttp http = new RawHttp(emulator.url(), emulator.accountName(), emulator.accountKey());
            for (String path : new String[] {"/_emulator/stats", "/_emulator/anything"}) {
                RawHttp.Response unsigned = http.exchange(http.request("GET", path, null, Map.of(), false));
                assertThat(unsigned.status()).as(path).isEqualTo(403);
                assertThat(unsigned.body()).as(path).contains("\"code\":\"AuthenticationFailed\"").doesNotContain("requests");
                RawHttp wrongKey = new RawHttp(emulator.url(), emulator.accountName(), AccountKeys.random());
                assertThat(wrongKey.exchange(wrongKey.signed("GET", path, null, Map.of())).status()).as(path).isEqualTo(403);
            }
        }
    }

    private static long requests(BatchEmulator emulator) throws Exception {
        RawHttp http = new RawHttp(emulator.url(), emulator.accountName(), emulator.accountKey());
        RawHttp.Response response = http.exchange(http.signed("GET", "/_emulator/stats", null, Map.of()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).get("requests").asLong();
    }
}
