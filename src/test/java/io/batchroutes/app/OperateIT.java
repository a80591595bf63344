package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Health and metrics answer over HTTP on the management port, with real values. */
class OperateIT {

    @TempDir
    Path home;

    @Test
    void healthAndMetricsReflectTheRealPipeline() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(home, Map.of())) {
            Await.until("ready", Duration.ofSeconds(60), () -> {
                try {
                    return daemon.management("/observe/health")[0].equals("200");
                } catch (Exception e) {
                    return false;
                }
            });
            String[] health = daemon.management("/observe/health");
            assertThat(health[1]).as(health[1]).contains("UP").contains("blob-storage").contains("batch-pool");

            daemon.drop("counted.txt", "one two two\n");
            daemon.drop("broken.mp4", "not a video");
            Await.until("both collected", Duration.ofSeconds(60), () -> Files.exists(daemon.output.resolve("counted_OUTPUT.txt"))
                    && Files.exists(daemon.reason("broken.mp4")));

            Await.until("metrics updated", Duration.ofSeconds(10), () -> {
                try {
                    String metrics = daemon.management("/observe/metrics")[1];
                    return metrics.contains("batchroutes_files_succeeded_total 1.0") && metrics.contains("batchroutes_files_failed_total 1.0");
                } catch (Exception e) {
                    return false;
                }
            });
            String metrics = daemon.management("/observe/metrics")[1];
            assertThat(metrics).contains("batchroutes_files_received_total 2.0").contains("batchroutes_files_inflight 0.0")
                    .contains("batchroutes_file_latency_seconds_count").contains("batchroutes_task_duration_seconds_count 1")
                    .contains("batchroutes_batch_retries_total").contains("batchroutes_batch_throttled_total");
            assertThat(metrics.lines().filter(l -> l.startsWith("batchroutes_batch_calls_total"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum())
                    .as("Batch calls counted").isGreaterThan(2);
        }
    }
}
