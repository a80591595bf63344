package io.batchroutes.app.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code java -jar batch-routes.jar status [--url URL] [--token TOKEN]}: fetches a running daemon's {@code /status/api}
 * and prints the same picture as the page for a terminal. Exit code 0 when it answered, 1 when it could not be
 * reached or refused, 2 for a wrong command line.
 */
public final class StatusCommand {

    private StatusCommand() {
    }

    /** Runs the command and exits if {@code args} start with {@code status}; otherwise does nothing. */
    public static void runIfAsked(String[] args) {
        if (args.length > 0 && args[0].equals("status")) {
            System.exit(run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String url = null;
        String token = System.getenv("BATCHROUTES_STATUS_TOKEN");
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--url") || args[i].equals("--token")) && i + 1 < args.length) {
                if (args[i].equals("--url")) {
                    url = args[++i];
                } else {
                    token = args[++i];
                }
            } else {
                err.println("usage: java -jar batch-routes.jar status [--url http://127.0.0.1:9876] [--token TOKEN]");
                return 2;
            }
        }
        String base = (url != null ? url : "http://127.0.0.1:" + managementPort()).replaceAll("/+$", "")
                .replaceAll("/status(/api)?$", "");
        try {
            JsonNode snapshot = fetch(base, token);
            out.print(new TerminalPicture(snapshot).render());
            return 0;
        } catch (IOException e) {
            err.println("batch-routes status: " + base + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static JsonNode fetch(String base, String token) throws IOException, InterruptedException {
        String query = token == null || token.isBlank() ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + StatusHttp.BASE + "/api" + query))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " " + response.body().strip());
        }
        return new ObjectMapper().readTree(response.body());
    }

    /** The management port as the daemon started here would use: -D, environment, ./application.properties, jar. */
    static String managementPort() {
        String fromSystem = System.getProperty("camel.management.port");
        if (fromSystem != null) {
            return fromSystem;
        }
        String fromEnv = System.getenv("CAMEL_MANAGEMENT_PORT");
        if (fromEnv != null) {
            return fromEnv;
        }
        Properties properties = new Properties();
        try (InputStream packaged = StatusCommand.class.getResourceAsStream("/application.properties")) {
            if (packaged != null) {
                properties.load(packaged);
            }
            Path local = Path.of("application.properties");
            if (Files.isRegularFile(local)) {
                try (InputStream in = Files.newInputStream(local)) {
                    properties.load(in);
                }
            }
        } catch (IOException e) {
            // the default below
        }
        return properties.getProperty("camel.management.port", "9876").strip();
    }
}
