package io.batchroutes.app.status;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import io.batchroutes.app.staging.ResultFile;
import io.batchroutes.app.status.StatusSnapshot.FileView;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file events from routes shaped like the daemon's: {@code ingest} stages a file; {@code monitor} collects a
 * task, on success through an aggregated split of its results (whose parts end as exchanges of their own).
 */
class FileEventsTest {

    private final RecentFiles files = new RecentFiles(10, Clock.systemUTC(), name -> "topwords");
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.getManagementStrategy().addEventNotifier(new FileEvents(files,
                name -> name.equals("bad.txt") ? Optional.of("exit code: 3\nbad header") : Optional.empty(),
                Path.of("/out")));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ingest").routeId("ingest").log("staged");
                from("direct:monitor").routeId("monitor")
                        .choice().when(header(AzureBatchConstants.TASK_RESULT).isEqualTo("success"))
                        .to("direct:collect-success").otherwise().to("direct:collect-failure");
                from("direct:collect-success").split(body(), new GroupedBodyAggregationStrategy()).log("result ${body}");
                from("direct:collect-failure").setBody(constant("stderr".getBytes()));
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void stagedThenCollectedWithItsResults() {
        template.sendBodyAndHeaders("direct:ingest", "x", Map.of(Exchange.FILE_NAME_ONLY, "a.txt",
                AzureBatchConstants.TASK_ID, "t1"));
        assertThat(only().state()).isEqualTo("waiting");

        template.sendBodyAndHeaders("direct:monitor", List.of(new ResultFile("t1/result.txt", "a_OUTPUT.txt")),
                Map.of(AzureBatchConstants.TASK_ID, "t1", AzureBatchConstants.TASK_DISPLAY_NAME, "a.txt",
                        AzureBatchConstants.TASK_RESULT, "success"));

        FileView done = only();
        assertThat(done.state()).isEqualTo("done");
        assertThat(files.result("t1", 0)).contains(Path.of("/out/a_OUTPUT.txt"));
        assertThat(files.buckets().get(1)).as("no failure counted for the split's parts").containsOnly(0);
    }

    @Test
    void aFailedTaskGetsTheReasonTheDaemonWrote() {
        template.sendBodyAndHeaders("direct:monitor", new CloudTask(), Map.of(AzureBatchConstants.TASK_ID, "t2",
                AzureBatchConstants.TASK_DISPLAY_NAME, "bad.txt", AzureBatchConstants.TASK_RESULT, "failure"));
        assertThat(only().state()).isEqualTo("failed");
        assertThat(only().reason()).contains("bad header");
    }

    @Test
    void aTaskCollectedBeforeARestartIsNotListed() {
        template.sendBodyAndHeaders("direct:ingest", "x", Map.of(Exchange.FILE_NAME_ONLY, "a.txt"));
        assertThat(files.views()).as("no task id: a repeated drop").isEmpty();
    }

    private FileView only() {
        assertThat(files.views()).hasSize(1);
        return files.views().get(0);
    }
}
