package io.batchroutes.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Python SDK (Debian's {@code python3-azure}: azure-batch 13.0.1, for {@code /usr/bin/python3}) runs
 * examples/python-sdk/flow.py against the emulator's own jar ({@code java -jar batch-routes-emulator-<v>.jar}) with
 * a package store given by {@code --app-packages}: applications, pool and task packages, a multi-instance task and
 * its subtasks, pool patch, node reboot, a 404. The script checks each step and ends with "Python SDK flow OK".
 */
class PythonSdkIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String PYTHON = "/usr/bin/python3";
    private static final String READY = "Batch emulator listening on ";

    @TempDir
    Path dir;

    @Test
    void thePythonSdkRunsPackagesAndAMultiInstanceTask() throws Exception {
        assertThat(Path.of(PYTHON)).as("Debian's python3 (python3-azure installs the SDK for it)").exists();
        Path jar = Path.of(System.getProperty("batchroutes.emulator.jar", "target/batch-routes-emulator.jar"));
        assertThat(jar).as("built by mvn package").exists();
        Path store = dir.resolve("packages");
        EmulatorPackagesIT.zip(store.resolve("hello/1.0.zip"), Map.of("bin/hello.sh", "echo hello from the package $1\n"));
        EmulatorPackagesIT.zip(store.resolve("tool/2.0.zip"), Map.of("tool.sh", "echo tool 2.0\n"));
        Files.writeString(store.resolve("tool/default-version"), "2.0");
        String key = io.batchroutes.emulator.junit.BatchEmulatorExtension.randomKey();

        ProcessBuilder emulatorCommand = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "--port", "0", "--data-dir", dir.resolve("data").toString(), "--app-packages", store.toString()))
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
            assertThat(ready).as("the key was taken from the environment").endsWith(" key=given");
            Path flowOut = dir.resolve("flow.log");
            ProcessBuilder flowCommand = new ProcessBuilder(List.of(PYTHON, "examples/python-sdk/flow.py"))
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
            assertThat(output).as(context).contains("applications: hello 1.0, tool 2.0",
                    "task packages: hello from the package python | tool 2.0",
                    "task mpi: primary hosts=127.0.0.1,127.0.0.1 master=true", "subtasks: 1 completed exit 0",
                    "missing job: 404 JobNotFound", "Python SDK flow OK");
            assertThat(output + emulatorOutput).as("the key never shows").doesNotContain(key);
        } finally {
            if (flow != null) {
                flow.destroyForcibly();
            }
            emulator.destroy();
            if (!emulator.waitFor(30, TimeUnit.SECONDS)) {
                emulator.destroyForcibly();
            }
        }
    }

    private static CompletableFuture<String> readOutput(Process process, StringBuffer output) {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = process.inputReader()) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.startsWith(READY)) {
                        ready.complete(line);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IllegalStateException("the emulator exited"));
        }, "python-sdk-it-emulator-output");
        reader.setDaemon(true);
        reader.start();
        return ready;
    }
}
