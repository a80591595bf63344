package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool's cost policy on the real daemon: idle scale-down and back, and an autoscale formula instead. */
class PoolLifecycleIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    java.nio.file.Path home;

    private static CloudPool pool(RunningDaemon daemon) {
        return daemon.context().createProducerTemplate()
                .requestBody("azure-batch:batchroutes-job?operation=getPool", null, CloudPool.class);
    }

    @Test
    void anIdlePoolScalesToZeroAndComesBackForTheNextFile() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(home, Map.of("batchroutes.pool.idle-scale-down", "PT2S",
                "batchroutes.pool.check-millis", "200"))) {
            daemon.drop("first.txt", "a b b\n");
            Await.until("the first result", DEADLINE, () -> Files.exists(daemon.output.resolve("first_OUTPUT.txt")));
            Await.until("the idle pool to scale to 0 nodes", DEADLINE, () -> {
                CloudPool p = pool(daemon);
                return p.targetDedicatedNodes() == 0 && p.currentDedicatedNodes() == 0;
            });

            daemon.drop("second.txt", "c c d\n");
            Await.until("the second result", DEADLINE,
                    () -> Files.exists(daemon.output.resolve("second_OUTPUT.txt")));
            assertThat(Files.readString(daemon.output.resolve("second_OUTPUT.txt"))).isEqualTo("c 2\nd 1\n");
            assertThat(pool(daemon).targetDedicatedNodes()).as("scaled back while there was work").isEqualTo(1);
        }
    }

    @Test
    void anAutoscaleFormulaSizesThePoolFromThePendingFiles() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(home, Map.of(
                "batchroutes.batch.autoscale-formula",
                "$TargetDedicatedNodes = min(2, $PendingTasks.GetSample(1)); $NodeDeallocationOption = taskcompletion;",
                "batchroutes.batch.autoscale-interval", "PT5S"))) {
            Await.until("the pool to be provisioned", DEADLINE, () -> {
                try {
                    return pool(daemon) != null;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
            CloudPool created = pool(daemon);
            assertThat(created.enableAutoScale()).isTrue();
            assertThat(created.targetDedicatedNodes()).as("no work yet").isZero();

            daemon.drop("work.txt", "x y y\n");
            Await.until("the formula to add a node and the file to be processed", DEADLINE,
                    () -> Files.exists(daemon.output.resolve("work_OUTPUT.txt")));
            assertThat(Files.readString(daemon.output.resolve("work_OUTPUT.txt"))).isEqualTo("y 2\nx 1\n");
        }
    }
}
