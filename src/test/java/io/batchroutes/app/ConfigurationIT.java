package io.batchroutes.app;

import io.batchroutes.testsupport.FreePorts;
import io.batchroutes.testsupport.Await;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar configured as the README says, as a user does it: an application.properties in the start folder, a
 * {@code --config} file, {@code -D} flags and environment variables, each winning over the one before; a typo'd key
 * or a missing {@code --config} file stops it with one line before anything is touched.
 */
class ConfigurationIT {

    /** A work type of the user's own: a .log file comes back as a copy (the task's stdout). */
    private static final String LOGCOPY = """
            batchroutes.work-type.logcopy.command = cat {input}
            batchroutes.work-type.logcopy.outputs = ../stdout.txt
            batchroutes.work-type.logcopy.requires = cat
            """;

    @TempDir
    Path home;

    @Test
    void aFileInTheStartFolderConfiguresTheDaemon() throws Exception {
        Files.writeString(home.resolve("application.properties"), LOGCOPY + """
                batchroutes.work-types = ffmpeg,topwords,logcopy
                batchroutes.work-type.logcopy.extensions = log
                batchroutes.work-type.logcopy.output-name = {stem}.copy.txt
                batchroutes.input-dir = In2
                batchroutes.output-dir = Out2
                """);
        try (JarDaemon daemon = JarDaemon.start(home, "folder", Map.of(), Map.of())) {
            assertThat(daemon.logText()).contains("ready; watching In2");
            drop(home.resolve("In2"), "app.log", "a line of a log\n");

            Path result = home.resolve("Out2").resolve("app.copy.txt");
            Await.until("app.log through logcopy", Duration.ofSeconds(90), () -> Files.exists(result));
            assertThat(result).hasContent("a line of a log");
            assertThat(daemon.logText()).contains("Configuration read from classpath:application.properties (packaged), "
                    + home.resolve("application.properties").toAbsolutePath() + " (start folder)")
                    .contains("Health http://127.0.0.1:" + daemon.managementPort + "/observe/health")
                    .doesNotContain("0.0.0.0");
        }
    }

    /**
     * One start, every source: the start folder's file, a {@code --config} file over it, a {@code -D} flag over
     * that, environment variables over all (a list, a work type's key, a folder, and a {@code camel.*} key).
     */
    @Test
    void eachSourceWinsOverTheOneBefore() throws Exception {
        Files.writeString(home.resolve("application.properties"), LOGCOPY + """
                batchroutes.work-types = ffmpeg,topwords
                batchroutes.work-type.logcopy.output-name = {stem}.folder.txt
                batchroutes.input-dir = In2
                batchroutes.output-dir = Out2
                """);
        Path config = Files.createDirectories(home.resolve("conf")).resolve("batch.properties");
        Files.writeString(config, """
                batchroutes.input-dir = In3
                batchroutes.work-type.logcopy.extensions = log
                batchroutes.work-type.logcopy.output-name = {stem}.config.txt
                """);
        int environmentPort = FreePorts.pick();
        Map<String, String> environment = Map.of(
                "BATCHROUTES_WORK_TYPES", "ffmpeg,topwords,logcopy",
                "BATCHROUTES_WORK_TYPE_LOGCOPY_OUTPUT_NAME", "{stem}.env.txt",
                "BATCHROUTES_OUTPUT_DIR", "Out4",
                "CAMEL_MANAGEMENT_PORT", String.valueOf(environmentPort));
        Map<String, String> flags = Map.of(
                "batchroutes.work-type.logcopy.extensions", "journal",
                "batchroutes.output-dir", "OutFlag");

        try (JarDaemon daemon = JarDaemon.launch(home, "layers", environment, flags, "--config", "conf/batch.properties").awaitReady()) {
            assertThat(daemon.logText()).contains("ready; watching In3");
            drop(home.resolve("In3"), "app.journal", "journal line\n");

            Path result = home.resolve("Out4").resolve("app.env.txt");
            Await.until("app.journal through logcopy", Duration.ofSeconds(90), () -> Files.exists(result));
            assertThat(result).hasContent("journal line");
            assertThat(home.resolve("OutFlag")).doesNotExist();
            Await.until("health on the environment's port", Duration.ofSeconds(30), () -> get(environmentPort, "/observe/health") == 200);
            assertThat(daemon.logText()).contains(home.resolve("application.properties").toAbsolutePath() + " (start folder), "
                    + config.toAbsolutePath() + " (--config)")
                    .contains("Health http://127.0.0.1:" + environmentPort + "/observe/health")
                    .doesNotContain("{stem}.env.txt");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "in the start folder's file | file  | batchroutes.work-type.thumbnail.comand | did you mean batchroutes.work-type.thumbnail.command?",
            "in the --config file       | config| batchroutes.work-type.thumbnail.comand | did you mean batchroutes.work-type.thumbnail.command?",
            "as a -D flag               | flag  | batchroutes.inptu-dir                  | did you mean batchroutes.input-dir?",
            "as an environment variable | env   | BATCHROUTES_INPUTDIR                   | did you mean BATCHROUTES_INPUT_DIR?"})
    void aTypoStopsItWithTheNearestKey(String where, String source, String key, String expected) throws Exception {
        Path input = Files.createDirectories(home.resolve("InputFiles"));
        Files.writeString(input.resolve("waiting.txt"), "untouched");
        if (source.equals("file")) {
            Files.writeString(home.resolve("application.properties"), key + " = x\n");
        }
        if (source.equals("config")) {
            Files.writeString(home.resolve("mine.properties"), key + " = x\n");
        }

        TheJar.Result result = TheJar.run(home, source.equals("env") ? Map.of(key, "x") : Map.of(),
                source.equals("flag") ? List.of("-D" + key + "=x") : List.of(),
                source.equals("config") ? new String[] {"--config", "mine.properties"} : new String[0]);

        assertCannotStart(result, expected);
        assertThat(input.resolve("waiting.txt")).hasContent("untouched");
        assertThat(input.resolve("processing")).doesNotExist();
        assertThat(home.resolve(".batch-routes")).doesNotExist();
    }

    @Test
    void aMissingConfigFileStopsItWithOneLine() throws Exception {
        TheJar.Result result = TheJar.run(home, Map.of(), List.of(), "--config", "missing.properties");

        assertCannotStart(result, "--config " + home.resolve("missing.properties").toAbsolutePath() + ": no such file");
        assertThat(home.resolve(".batch-routes")).doesNotExist();
    }

    /** Camel's own check of camel.* options fails after the local services started: they must not outlive the exit. */
    @Test
    void aCamelOptionItCannotBindStopsItAndWhatItStarted() throws Exception {
        TheJar.Result result = TheJar.run(home, Map.of(), List.of("-Dcamel.main.shutdown-timout=3"));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output().lines().filter(l -> l.startsWith("batch-routes: cannot start: ")))
                .as(result.output()).singleElement().asString().contains("shutdownTimout");
        Await.until("no process of this folder left", Duration.ofSeconds(30), () -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").contains(home.toString())));
    }

    private static void assertCannotStart(TheJar.Result result, String expected) {
        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output().lines().filter(l -> l.startsWith("batch-routes: cannot start: ")))
                .as(result.output()).singleElement().asString().contains(expected);
        assertThat(result.output().lines().filter(l -> !l.isBlank())).as(result.output()).hasSize(1);
    }

    /** Written elsewhere, then moved in whole, as a careful user drops a file. */
    private void drop(Path folder, String name, String content) throws IOException {
        Files.createDirectories(folder);
        Path staging = Files.writeString(Files.createTempFile(home, "drop", ".tmp"), content);
        Files.move(staging, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The status of a GET, or -1 if nothing answers. */
    private static int get(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
