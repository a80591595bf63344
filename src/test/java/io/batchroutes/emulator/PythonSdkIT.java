package io.batchroutes.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchroutes.testsupport.StandaloneEmulatorFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

        StandaloneEmulatorFlow.Output output = StandaloneEmulatorFlow.run(dir, List.of("-jar", jar.toString(),
                "--port", "0", "--data-dir", dir.resolve("data").toString(), "--app-packages", store.toString()),
                List.of(PYTHON, "examples/python-sdk/flow.py"), WAIT);
        assertThat(output.flow()).as(output.context()).contains("applications: hello 1.0, tool 2.0",
                "task packages: hello from the package python | tool 2.0",
                "task mpi: primary hosts=127.0.0.1,127.0.0.1 master=true", "subtasks: 1 completed exit 0",
                "missing job: 404 JobNotFound", "Python SDK flow OK");
    }
}
