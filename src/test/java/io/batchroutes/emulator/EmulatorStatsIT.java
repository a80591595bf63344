package io.batchroutes.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /_emulator/stats} counts the Batch API requests served, for benchmarks that count calls per task. */
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

    private static long requests(BatchEmulator emulator) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulator.url() + "/_emulator/stats")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body()).get("requests").asLong();
    }
}
