package io.batchroutes.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchroutes.emulator.junit.BatchEmulatorExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Another language's Batch SDK against the standalone emulator, the way its users run it: the emulator as a process of
 * its own ({@code java <args>}) with a fresh random key in {@code BATCH_EMULATOR_KEY} (not the well-known one: the
 * flow only passes if the emulator took it from the environment), then a flow script given {@code BATCH_URL},
 * {@code BATCH_ACCOUNT} and {@code BATCH_KEY}. Fails unless the emulator says where its key came from (never the
 * key), the script exits 0 within the wait, and neither prints the key.
 */
public final class StandaloneEmulatorFlow {

    private static final String READY = "Batch emulator listening on ";

    /** What the flow script printed, and what the emulator printed until it stopped. */
    public record Output(String flow, String emulator) {
        public String context() {
            return "flow output:\n" + flow + "\nemulator output:\n" + emulator;
        }
    }

    private StandaloneEmulatorFlow() {
    }

    /**
     * @param emulatorArgs what follows {@code java}: {@code -jar <jar> [emulator] --port 0 --data-dir ...}
     * @param flowCommand  the script's command line; its output goes to {@code dir/flow.log}
     */
    public static Output run(Path dir, List<String> emulatorArgs, List<String> flowCommand, Duration wait)
            throws IOException, InterruptedException {
        String key = BatchEmulatorExtension.randomKey();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(emulatorArgs);
        ProcessBuilder emulatorCommand = new ProcessBuilder(command).redirectErrorStream(true);
        emulatorCommand.environment().keySet().removeIf(name -> name.startsWith("BATCH_EMULATOR_"));
        emulatorCommand.environment().put("BATCH_EMULATOR_KEY", key);
        Process emulator = emulatorCommand.start();
        StringBuffer emulatorOutput = new StringBuffer();
        CompletableFuture<String> readyLine = readOutput(emulator, emulatorOutput);
        Process flow = null;
        String flowOutput;
        try {
            String ready;
            try {
                ready = readyLine.get(wait.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                throw new AssertionError("no ready line within " + wait + "; it printed:\n" + emulatorOutput, e);
            }
            String url = ready.substring(READY.length(), ready.indexOf(" account="));
            String account = ready.substring(ready.indexOf(" account=") + " account=".length(), ready.indexOf(" key="));
            assertThat(ready).as("says where the key came from, not the key").endsWith(" key=given");

            Path flowLog = dir.resolve("flow.log");
            ProcessBuilder flowBuilder = new ProcessBuilder(flowCommand).redirectErrorStream(true)
                    .redirectOutput(flowLog.toFile());
            flowBuilder.environment().put("BATCH_URL", url);
            flowBuilder.environment().put("BATCH_ACCOUNT", account);
            flowBuilder.environment().put("BATCH_KEY", key);
            flow = flowBuilder.start();
            boolean finished = flow.waitFor(wait.toSeconds(), TimeUnit.SECONDS);
            flowOutput = Files.readString(flowLog);
            String context = new Output(flowOutput, emulatorOutput.toString()).context();
            assertThat(finished).as("the flow finished within " + wait + "; " + context).isTrue();
            assertThat(flow.exitValue()).as(context).isZero();
        } finally {
            if (flow != null) {
                flow.destroyForcibly();
            }
            emulator.destroy();
            if (!emulator.waitFor(30, TimeUnit.SECONDS)) {
                emulator.descendants().forEach(ProcessHandle::destroyForcibly);
                emulator.destroyForcibly();
            }
        }
        Output output = new Output(flowOutput, emulatorOutput.toString());
        assertThat(output.flow()).as("the flow never prints the key").doesNotContain(key);
        assertThat(output.emulator()).as("the emulator never prints the key").doesNotContain(key);
        return output;
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
