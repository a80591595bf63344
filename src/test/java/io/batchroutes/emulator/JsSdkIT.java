package io.batchroutes.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final String READY = "Batch emulator listening on ";

    @TempDir
    Path dir;

    @Test
    void theJavaScriptSdkRunsTheSeedsFlowUnchanged() throws Exception {
        assertThat(EXAMPLE.resolve("node_modules/@azure/batch/package.json")).as("installed by the build's npm ci")
                .exists();
        // A fresh key, not the well-known one: the flow only passes if the emulator took it from the environment.
        byte[] keyBytes = new byte[64];
        new SecureRandom().nextBytes(keyBytes);
        String key = Base64.getEncoder().encodeToString(keyBytes);

        ProcessBuilder emulatorCommand = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("batchroutes.jar", "target/batch-routes.jar"), "emulator", "--port", "0",
                "--data-dir", dir.resolve("data").toString()))
                .redirectErrorStream(true);
        emulatorCommand.environment().keySet().removeIf(name -> name.startsWith("BATCH_EMULATOR_"));
        emulatorCommand.environment().put("BATCH_EMULATOR_KEY", key);
        Process emulator = emulatorCommand.start();
        StringBuffer emulatorOutput = new StringBuffer();
        CompletableFuture<String> readyLine = readOutput(emulator, emulatorOutput);
        Process flow = null;
        try {
            String ready;
            try {
                ready = readyLine.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("no ready line within " + WAIT + "; it printed:\n" + emulatorOutput, e);
            }
            String url = ready.substring(READY.length(), ready.indexOf(" account="));
            String account = ready.substring(ready.indexOf(" account=") + " account=".length(), ready.indexOf(" key="));
            assertThat(ready).as("says where the key came from, not the key").endsWith(" key=given");

            Path flowOut = dir.resolve("flow.log");
            ProcessBuilder flowCommand = new ProcessBuilder(List.of("node", EXAMPLE.resolve("flow.js").toString()))
                    .redirectErrorStream(true).redirectOutput(flowOut.toFile());
            flowCommand.environment().put("BATCH_URL", url);
            flowCommand.environment().put("BATCH_ACCOUNT", account);
            flowCommand.environment().put("BATCH_KEY", key);
            flow = flowCommand.start();
            boolean finished = flow.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            String output = Files.readString(flowOut);
            String context = "flow output:\n" + output + "\nemulator output:\n" + emulatorOutput;
            assertThat(finished).as("the flow finished within " + WAIT + "; " + context).isTrue();
            assertThat(flow.exitValue()).as(context).isZero();
            assertThat(output).as(context).contains("task single: hello from single", "task c1: hello from c1",
                    "task c2: hello from c2", "task c3: hello from c3", ": 404 JobNotFound",
                    ":job-1, manager: hello from manager", "task auto: hello from auto, pool deleted with its job",
                    "tasks succeeded", "JS SDK flow OK");
            assertThat(output).as("the flow never prints the key").doesNotContain(key);
        } finally {
            if (flow != null) {
                flow.destroyForcibly();
            }
            emulator.destroy();
            if (!emulator.waitFor(20, TimeUnit.SECONDS)) {
                emulator.descendants().forEach(ProcessHandle::destroyForcibly);
                emulator.destroyForcibly();
            }
        }
        assertThat(emulatorOutput.toString()).as("the emulator never prints the key").doesNotContain(key);
    }

    /**
     * Reads everything the emulator prints into {@code output} until it ends (so its pipe never fills); the result is
     * its ready line, or fails if it ends without one.
     */
    private static CompletableFuture<String> readOutput(Process emulator, StringBuffer output) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = emulator.inputReader()) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.append(line).append('\n');
                    if (line.startsWith(READY)) {
                        ready.complete(line);
                    }
                }
            } catch (IOException e) {
                output.append(e).append('\n');
            }
            ready.completeExceptionally(new AssertionError("the emulator ended without its ready line:\n" + output));
        }, "emulator-output");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }
}
