package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Work types are configuration: the built-in cat switched on, and a user's own type, through the real pipeline. */
class WorkTypesIT {

    @Test
    void otherRoutesSubmitThroughTheEntryPointAndReceiveResultsAtTheResultsEndpoint() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(home, Map.of("batchroutes.results-uri", "seda:test-results"))) {
            daemon.context().createProducerTemplate().sendBodyAndHeader("direct:batch-routes-submit",
                    "streamed streamed words\n", "CamelFileName", "streamed.txt");

            org.apache.camel.Exchange result = daemon.context().createConsumerTemplate().receive("seda:test-results", 60_000);

            assertThat(result).as("a result within 60 s").isNotNull();
            assertThat(result.getMessage().getHeader("CamelFileName", String.class)).isEqualTo("streamed_OUTPUT.txt");
            assertThat(result.getMessage().getBody(String.class)).isEqualTo("streamed 2\nwords 1\n");
            assertThat(daemon.done("streamed.txt")).exists();
        }
    }

    @TempDir
    Path home;

    @Test
    void catAndAUserDefinedTypeRunFromConfigurationAlone() throws Exception {
        Map<String, String> config = Map.of(
                "batchroutes.work-types", "topwords,cat,shout",
                // the user's own type, written the way the README shows: a shell only where wanted, the file as "$1"
                "batchroutes.work-type.shout.extensions", "md",
                "batchroutes.work-type.shout.command", "/bin/sh -c 'tr a-z A-Z < \"$1\" > result.md' shout {input}",
                "batchroutes.work-type.shout.outputs", "result.md",
                "batchroutes.work-type.shout.output-name", "{stem}.shout.md",
                "batchroutes.work-type.shout.requires", "tr");
        try (RunningDaemon daemon = RunningDaemon.start(home, config)) {
            daemon.drop("server.log", "line one\nline two\n");
            daemon.drop("notes.md", "# quiet words\n");
            daemon.drop("$(touch MARKER) `touch MARKER`.md", "inert\n");

            Path out = daemon.output;
            Await.until("three results", Duration.ofSeconds(90), () -> Files.exists(out.resolve("server.stdout.txt"))
                    && Files.exists(out.resolve("notes.shout.md"))
                    && Files.exists(out.resolve("$(touch MARKER) `touch MARKER`.shout.md")));

            assertThat(Files.readString(out.resolve("server.stdout.txt"))).isEqualTo("line one\nline two\n");
            assertThat(Files.readString(out.resolve("notes.shout.md"))).isEqualTo("# QUIET WORDS\n");
            assertThat(Files.readString(out.resolve("$(touch MARKER) `touch MARKER`.shout.md"))).isEqualTo("INERT\n");
            try (var everything = Files.walk(home)) {
                assertThat(everything.filter(p -> p.getFileName().toString().equals("MARKER"))).isEmpty();
            }
        }
    }
}
