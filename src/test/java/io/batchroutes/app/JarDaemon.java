package io.batchroutes.app;

import io.batchroutes.testsupport.FreePorts;
import io.batchroutes.testsupport.Drops;
import io.batchroutes.testsupport.Await;
import io.batchroutes.app.folder.InputFolder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built jar run as a daemon process in {@code dir} (its InputFiles/ and OutputFiles/ are there), with local
 * services of its own: data in {@code dir/.batch-routes-<name>}, its own management port, output in
 * {@code dir/<name>.log}. For tests that need a real process: environment variables, several daemons at once.
 */
final class JarDaemon implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    final Path dir;
    final Path input;
    final Path output;
    final Path log;
    final int managementPort;
    private final Process process;
    private List<ProcessHandle> leftBehind = List.of();

    private JarDaemon(Path dir, Path log, int managementPort, Process process) {
        this.dir = dir;
        this.input = dir.resolve("InputFiles");
        this.output = dir.resolve("OutputFiles");
        this.log = log;
        this.managementPort = managementPort;
        this.process = process;
    }

    /** Starts it and waits until it watches the input folder. */
    static JarDaemon start(Path dir, String name, Map<String, String> environment, Map<String, String> properties)
            throws IOException {
        JarDaemon daemon = launch(dir, name, environment, properties);
        try {
            return daemon.awaitReady();
        } catch (RuntimeException | AssertionError e) {
            daemon.close();
            throw e;
        }
    }

    /** Starts it and returns at once (several start side by side); {@link #awaitReady()} waits for it. */
    static JarDaemon launch(Path dir, String name, Map<String, String> environment, Map<String, String> properties)
            throws IOException {
        return launch(dir, name, environment, properties, new String[0]);
    }

    /** The same, with arguments after the jar ({@code --config FILE}). */
    static JarDaemon launch(Path dir, String name, Map<String, String> environment, Map<String, String> properties,
            String... args) throws IOException {
        int managementPort = FreePorts.pick();
        List<String> settings = new ArrayList<>(List.of(
                "-Dbatchroutes.local.data-dir=" + dir.resolve(".batch-routes-" + name),
                "-Dcamel.management.port=" + managementPort,
                "-Dbatchroutes.input.stable-millis=100",
                "-Dbatchroutes.input.poll-millis=100"));
        properties.forEach((key, value) -> settings.add("-D" + key + "=" + value));
        Path log = dir.resolve(name + ".log");
        return new JarDaemon(dir, log, managementPort, TheJar.start(dir, environment, settings, log, args));
    }

    /** Waits until it watches the input folder; fails with what it printed if it stopped instead. */
    JarDaemon awaitReady() {
        Await.until(log.getFileName() + " ready", Duration.ofSeconds(90), () -> count("ready; watching") > 0 || !process.isAlive());
        if (!process.isAlive()) {
            throw new AssertionError(log.getFileName() + ": the daemon stopped at start:\n" + logText());
        }
        return this;
    }

    /** Drops a file the way a careful user does: written elsewhere, then moved in whole. */
    void drop(String name, byte[] content) throws IOException {
        Drops.drop(input, name, content);
    }

    void drop(String name, String content) throws IOException {
        Drops.drop(input, name, content);
    }

    Path done(String name) {
        return input.resolve(InputFolder.DONE).resolve(name);
    }

    Path failed(String name) {
        return input.resolve(InputFolder.FAILED).resolve(name);
    }

    Path reason(String name) {
        return new InputFolder(input).reasonFile(name);
    }

    /** Everything it printed so far. */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** How often {@code text} occurs in what it printed. */
    int count(String text) {
        Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(logText());
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** The value of a metric without labels on {@code /observe/metrics}, or -1 when it cannot be read. */
    double metric(String name) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(response.body());
            return value.find() ? Double.parseDouble(value.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL to the daemon alone, as a crash: what it started (Azurite) is left behind for the next start to stop. */
    void crash() throws InterruptedException, IOException {
        leftBehind = process.descendants().toList();
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        keepLog();
    }

    /** After {@link #crash()}: stops what it left behind, if the next start has not (a test that failed early). */
    void stopLeftovers() {
        leftBehind.forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * SIGTERM, as a user stops it; SIGKILL to it and Azurite if it does not end within a minute. Its output is kept
     * beside the jar ({@code <log name>}) for a look after the build.
     */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                TheJar.kill(process);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            keepLog();
        }
    }

    private void keepLog() throws IOException {
        Path jar = Path.of(System.getProperty("batchroutes.jar", "target/batch-routes.jar"));
        if (Files.exists(log)) {
            Files.copy(log, jar.resolveSibling(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
