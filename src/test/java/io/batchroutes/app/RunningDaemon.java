package io.batchroutes.app;

import io.batchroutes.testsupport.FreePorts;
import io.batchroutes.testsupport.Drops;
import io.batchroutes.app.folder.InputFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.main.Main;

/** The real daemon on the embedded default (Azurite + the emulator), in a folder of its own. */
final class RunningDaemon implements AutoCloseable {

    final Path home;
    final Path input;
    final Path output;
    final int managementPort;
    private final Main main;

    private RunningDaemon(Path home, Main main, int managementPort) {
        this.managementPort = managementPort;
        this.home = home;
        this.input = home.resolve("InputFiles");
        this.output = home.resolve("OutputFiles");
        this.main = main;
    }

    static RunningDaemon start(Path home, Map<String, String> extra) throws Exception {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("batchroutes.input-dir", home.resolve("InputFiles").toString());
        overrides.put("batchroutes.output-dir", home.resolve("OutputFiles").toString());
        overrides.put("batchroutes.local.data-dir", home.resolve(".batch-routes").toString());
        overrides.put("batchroutes.local.azurite-home", System.getProperty("azurite.home", "."));
        overrides.put("batchroutes.input.stable-millis", "100");
        overrides.put("batchroutes.input.poll-millis", "100");
        int managementPort = FreePorts.pick();
        overrides.put("camel.management.port", String.valueOf(managementPort));
        overrides.putAll(extra);
        Main main = Daemon.create(overrides);
        main.start();
        return new RunningDaemon(home, main, managementPort);
    }

    /** Drops a file the way a careful user does: written elsewhere, then moved in whole. */
    void drop(Path source, String name) throws IOException {
        Drops.dropCopy(input, source, name);
    }

    void drop(String name, String content) throws IOException {
        Drops.drop(input, name, content);
    }

    org.apache.camel.CamelContext context() {
        return main.getCamelContext();
    }

    /** The Java SDK on the daemon's own emulator (its port and key from the data folder), for looking at the jobs. */
    com.microsoft.azure.batch.BatchClient batchClient() throws IOException {
        return batchClient(home.resolve(".batch-routes"));
    }

    static com.microsoft.azure.batch.BatchClient batchClient(Path data) throws IOException {
        return com.microsoft.azure.batch.BatchClient.open(new com.microsoft.azure.batch.auth.BatchSharedKeyCredentials(
                "http://127.0.0.1:" + java.nio.file.Files.readString(data.resolve("batch.port")).strip(),
                io.batchroutes.emulator.EmulatorSettings.DEFAULT_ACCOUNT_NAME,
                java.nio.file.Files.readString(data.resolve("batch/account.key")).strip()));
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

    /** GETs a path of the management server; returns status and body. */
    String[] management(String path) throws IOException, InterruptedException {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + managementPort + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new String[] {String.valueOf(response.statusCode()), response.body()};
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
