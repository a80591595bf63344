package io.batchroutes.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchroutes.testsupport.StandaloneEmulatorFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official JavaScript SDK ({@code @azure/batch} 10.2.0, installed from examples/js-sdk's lock file by the build)
 * runs the seeds' flow against the standalone emulator ({@code java -jar batch-routes.jar emulator}): pool, job, one
 * task and a collection of three, polling, stdout, a 404, a job schedule with a job manager, a job on an auto pool,
 * lifetime statistics, cleanup. The script checks each step itself and ends with
 * "JS SDK flow OK".
 */
class JsSdkIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Path EXAMPLE = Path.of("examples/js-sdk");

    @TempDir
    Path dir;

    @Test
    void theJavaScriptSdkRunsTheSeedsFlowUnchanged() throws Exception {
        assertThat(EXAMPLE.resolve("node_modules/@azure/batch/package.json")).as("installed by the build's npm ci")
                .exists();
        StandaloneEmulatorFlow.Output output = StandaloneEmulatorFlow.run(dir, List.of("-jar",
                System.getProperty("batchroutes.jar", "target/batch-routes.jar"), "emulator", "--port", "0",
                "--data-dir", dir.resolve("data").toString()), List.of("node", EXAMPLE.resolve("flow.js").toString()), WAIT);
        assertThat(output.flow()).as(output.context()).contains("task single: hello from single", "task c1: hello from c1",
                "task c2: hello from c2", "task c3: hello from c3", ": 404 JobNotFound",
                ":job-1, manager: hello from manager", "task auto: hello from auto, pool deleted with its job",
                "tasks succeeded", "JS SDK flow OK");
    }
}
