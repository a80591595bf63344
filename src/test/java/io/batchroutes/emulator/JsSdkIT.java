package io.batchroutes.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official JavaScript SDK ({@code @azure/batch} 10.2.0, installed from examples/js-sdk's lock file by the build)
 * runs the seeds' flow against the standalone emulator: pool, job, one task and a collection of three, polling,
 * stdout, an error, cleanup. The script checks each step and ends with "JS SDK flow OK".
 */
class JsSdkIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path EXAMPLE = Path.of("examples/js-sdk");

    @TempDir
    Path dir;

    @Test
    void theJavaScriptSdkRunsTheSeedsFlowUnchanged() throws Exception {
        assertThat(EXAMPLE.resolve("node_modules/@azure/batch/package.json")).as("installed by the build's npm ci")
                .exists();
        Path emulatorOut = dir.resolve("emulator.log");
        ProcessBuilder emulatorCommand = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("batchroutes.jar", "target/batch-routes.jar"), "emulator", "--port", "0",
                "--data-dir", dir.resolve("data").toString()))
                .redirectErrorStream(true).redirectOutput(emulatorOut.toFile());
        Process emulator = emulatorCommand.start();
        try {
            String ready = Await.until("the emulator's ready line", WAIT,
                    () -> Files.readAllLines(emulatorOut).stream()
                            .filter(l -> l.startsWith("Batch emulator listening on ")).findFirst().orElse(null),
                    l -> l != null);
            String url = ready.substring("Batch emulator listening on ".length(), ready.indexOf(" account="));

            Path flowOut = dir.resolve("flow.log");
            ProcessBuilder flowCommand = new ProcessBuilder(List.of("node", "flow.js")).directory(EXAMPLE.toFile())
                    .redirectErrorStream(true).redirectOutput(flowOut.toFile());
            flowCommand.environment().put("BATCH_URL", url);
            flowCommand.environment().put("BATCH_ACCOUNT", EmulatorSettings.DEFAULT_ACCOUNT_NAME);
            flowCommand.environment().put("BATCH_KEY", EmulatorSettings.DEFAULT_ACCOUNT_KEY);
            Process flow = flowCommand.start();
            boolean finished = flow.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            String output = Files.readString(flowOut);
            assertThat(finished).as("the flow finished in time:\n" + output).isTrue();
            assertThat(flow.exitValue()).as(output).isZero();
            assertThat(output).contains("task single: hello from single", "task c1: hello from c1",
                    "task c2: hello from c2", "task c3: hello from c3", "JS SDK flow OK");
        } finally {
            emulator.destroy();
            if (!emulator.waitFor(20, TimeUnit.SECONDS)) {
                emulator.destroyForcibly();
            }
        }
    }
}
