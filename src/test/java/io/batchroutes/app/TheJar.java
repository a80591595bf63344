package io.batchroutes.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The built {@code batch-routes.jar} run as a user runs it: {@code java [-D...] -jar batch-routes.jar [args]} in a folder. */
final class TheJar {

    record Result(int exitCode, String output) {
    }

    private TheJar() {
    }

    /** The command line; {@code -D} settings first, then the arguments after the jar. */
    static List<String> command(List<String> settings, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcamel.management.port=0",
                "-Dbatchroutes.local.azurite-home=" + System.getProperty("azurite.home", ".")));
        command.addAll(settings);
        command.addAll(List.of("-jar", System.getProperty("batchroutes.jar", "target/batch-routes.jar")));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs it to its end (at most two minutes) and returns its exit code and everything it printed. */
    static Result run(Path dir, Map<String, String> environment, List<String> settings, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command(settings, args)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
