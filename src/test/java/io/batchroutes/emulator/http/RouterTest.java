package io.batchroutes.emulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.batchroutes.emulator.handler.FilesHandler;
import io.batchroutes.emulator.handler.JobSchedulesHandler;
import io.batchroutes.emulator.handler.JobsHandler;
import io.batchroutes.emulator.handler.PoolsHandler;
import io.batchroutes.emulator.handler.StatisticsHandler;
import io.batchroutes.emulator.handler.TasksHandler;
import io.batchroutes.emulator.handler.AccountHandler;
import io.batchroutes.emulator.handler.ApplicationsHandler;
import io.batchroutes.emulator.handler.NodesHandler;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Router router = new Router(new PoolsHandler(null, null), new JobsHandler(null, null, null),
            new TasksHandler(null), new FilesHandler(null), new AccountHandler(null), new JobSchedulesHandler(null, null),
            new StatisticsHandler(null), new NodesHandler(null), new ApplicationsHandler(null));

    @Test
    void decodesEncodedSlashesAndAcceptsLiteralOnesInFilePaths() {
        assertThat(router.match("GET", "/jobs/j%201/tasks/t1/files/wd%2Fout%20dir%2Fr+1.txt").params())
                .containsEntry("jobId", "j 1").containsEntry("taskId", "t1")
                .containsEntry("filePath", "wd/out dir/r+1.txt");
        assertThat(router.match("HEAD", "/jobs/j/tasks/t/files/wd/a/b.txt").params())
                .containsEntry("filePath", "wd/a/b.txt");
        assertThat(router.match("GET", "/pools/p/nodes/n/files/startup%2Fstderr.txt").params())
                .containsEntry("filePath", "startup/stderr.txt");
    }

    @Test
    void skipsABaseUrlPrefixAndRefusesUnknownRoutes() {
        assertThat(router.match("GET", "/devaccount/pools/p1").params()).containsEntry("poolId", "p1");
        assertThat(router.match("GET", "/certificates")).isNull();
        assertThat(router.match("PUT", "/pools/p1")).isNull();
        assertThat(router.match("GET", "/jobs/j/tasks/t/unknown")).isNull();
        assertThat(router.match("GET", "/jobs/j/tasks/t/files/").params()).doesNotContainKey("filePath");
    }

    @Test
    void routesTheNodeAndApplicationOperations() {
        assertThat(router.match("POST", "/pools/p/nodes/n1/reboot").params()).containsEntry("nodeId", "n1");
        assertThat(router.match("POST", "/pools/p/removenodes").params()).containsEntry("poolId", "p");
        assertThat(router.match("PATCH", "/pools/p")).isNotNull();
        assertThat(router.match("GET", "/applications/ffmpeg").params()).containsEntry("applicationId", "ffmpeg");
    }
}
