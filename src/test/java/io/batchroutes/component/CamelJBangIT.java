package io.batchroutes.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component from Camel JBang: examples/jbang/run.sh runs examples/jbang/batch.camel.yaml with {@code camel run}
 * (camel-jbang-core's CamelJBangMain), the component jar cut from the built project jar, against the standalone
 * emulator ({@code java -jar batch-routes.jar emulator}) with a random account key given only through environment
 * variables. The route ensures a pool and a job, adds a task and logs the completed task's stdout. Maven runs offline
 * here: the build's pre-integration-test phase resolved Camel JBang and the --dep artifacts (pom.xml).
 */
class CamelJBangIT {
    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration RUN = Duration.ofSeconds(75);
    private static final Path RUN_SH = Path.of("examples/jbang/run.sh");
    private static final String READY = "Batch emulator listening on ";
    private static final String STDOUT_LINE = "Task hello stdout: hello from camel jbang";

    @TempDir
    Path dir;

    @Test
    void camelRunOfTheExampleRouteLogsTheTaskStdout() throws Exception {
        Path jar = Path.of(System.getProperty("batchroutes.jar", "target/batch-routes.jar")).toAbsolutePath();
        assertThat(jar).as("built by package").exists();
        byte[] keyBytes = new byte[64];
        new SecureRandom().nextBytes(keyBytes);
        String key = Base64.getEncoder().encodeToString(keyBytes);
        String account = "jbangaccount";

        Path emulatorLog = dir.resolve("emulator.log");
        ProcessBuilder emulatorCommand = new ProcessBuilder(List.of(javaBin("java"), "-jar", jar.toString(), "emulator",
                "--port", "0", "--account", account, "--data-dir", dir.resolve("data").toString()))
                .redirectErrorStream(true).redirectOutput(emulatorLog.toFile());
        emulatorCommand.environment().put("BATCH_EMULATOR_KEY", key);
        Process emulator = emulatorCommand.start();
        Process camel = null;
        Path camelLog = dir.resolve("camel-jbang.log");
        try {
            String ready = awaitLine(emulatorLog, emulator, START, l -> l.startsWith(READY), "the emulator's ready line");
            String url = ready.substring(READY.length(), ready.indexOf(" account="));

            ProcessBuilder camelCommand = new ProcessBuilder(List.of("bash", RUN_SH.toAbsolutePath().toString(),
                    "--max-seconds=" + (RUN.toSeconds() + 30)))
                    .redirectErrorStream(true).redirectOutput(camelLog.toFile());
            Map<String, String> env = camelCommand.environment();
            env.put("AZURE_BATCH_URL", url);
            env.put("AZURE_BATCH_ACCOUNT", account);
            env.put("AZURE_BATCH_KEY", key);
            env.put("BATCHROUTES_JAR_DIR", jar.getParent().toString());
            env.put("JBANG_WORK_DIR", dir.resolve("jbang").toString());
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("MVN_ARGS", "-B -q -o -Dstyle.color=never");
            camel = camelCommand.start();

            awaitLine(camelLog, camel, RUN, l -> l.contains(STDOUT_LINE), "the task's stdout in the Camel JBang log");
            String output = Files.readString(camelLog, StandardCharsets.UTF_8);
            assertThat(output).contains("Apache Camel (JBang)", "Additional jars added to classpath: ",
                    "batch-routes-azure-batch.jar", "Routes startup (total:2)", "Started batch-collect (azure-batch://jbang-job)",
                    "Created Azure Batch pool jbang-pool", "Added task hello to job jbang-job",
                    "Task hello completed: success, exit code 0");
            assertThat(output).as("the key is never logged").doesNotContain(key);
        } finally {
            if (camel != null) {
                stop(camel);
            }
            stop(emulator);
        }
    }

    private static String javaBin(String tool) {
        return Path.of(System.getProperty("java.home"), "bin", tool).toString();
    }

    /** The first line of {@code log} that {@code match} accepts; fails when {@code process} ends or the time is up. */
    private static String awaitLine(Path log, Process process, Duration timeout, Predicate<String> match, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> line = lines(log).stream().filter(match).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError(what + ": the process ended (exit code " + process.exitValue()
                        + ") first; it printed:\n" + String.join("\n", lines(log)));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; it printed:\n"
                        + String.join("\n", lines(log)));
            }
            // Wakes up when the process ends, else polls the log again after 100 ms.
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM (Camel and the emulator shut down gracefully), then SIGKILL to it and its children if it hangs. */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
