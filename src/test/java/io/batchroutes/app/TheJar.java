package io.batchroutes.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                // As the README starts it.
                "-XX:TieredStopAtLevel=1",
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
        return run(dir, environment, settings, Duration.ofMinutes(2), args);
    }

    /** Runs it to its end; a run longer than {@code limit} is killed and fails the test with what it printed. */
    static Result run(Path dir, Map<String, String> environment, List<String> settings, Duration limit,
            String... args) throws IOException, InterruptedException {
        return run(dir, environment, command(settings, args), limit);
    }

    /**
     * Runs it under a file-creation mask, as a user's shell would start it ({@code umask 027; java -jar ...}); the
     * command reaches the shell only as positional arguments, never as script text.
     */
    static Result runWithUmask(String umask, Path dir, List<String> settings, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        command.addAll(command(settings, args));
        return run(dir, Map.of(), command, Duration.ofMinutes(2));
    }

    private static Result run(Path dir, Map<String, String> environment, List<String> command, Duration limit)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("the-jar-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(finished).as("finished within " + limit + "; it printed:\n" + output).isTrue();
        return new Result(process.exitValue(), output);
    }

    /**
     * Starts it and returns at once, everything it prints appended to {@code log}. The caller ends it (SIGTERM is
     * {@link Process#destroy()}); {@link #kill(Process)} is the last resort for a test that failed.
     */
    static Process start(Path dir, Map<String, String> environment, List<String> settings, Path log, String... args)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(settings, args)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** SIGKILL to it and what it started (Azurite), so that nothing outlives a failed test. */
    static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
}
