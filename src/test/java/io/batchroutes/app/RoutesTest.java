package io.batchroutes.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Route;
import org.apache.camel.main.Main;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The YAML routes, checked at build time (before packaging): they parse, every endpoint URI and option resolves
 * against its component and every bean they name exists. Nothing is started and nothing is reached.
 */
class RoutesTest {

    @TempDir
    Path home;

    @Test
    void everyRouteLoadsWithItsEndpointsAndBeans() throws Exception {
        Main main = Daemon.create(Map.of(
                "camel.main.auto-startup", "false",
                "camel.management.enabled", "false",
                "batchroutes.profile", "azure",
                "batchroutes.input-dir", home.resolve("in").toString(),
                "batchroutes.output-dir", home.resolve("out").toString(),
                "batchroutes.batch.account-url", "http://127.0.0.1:9",
                "batchroutes.batch.account-name", "nobody",
                "batchroutes.batch.account-key", "bm90LWEta2V5",
                "batchroutes.storage.connection-string",
                "DefaultEndpointsProtocol=http;AccountName=nobody;AccountKey=bm90LWEta2V5;BlobEndpoint=http://127.0.0.1:9/nobody;"));
        try {
            main.start();
            assertThat(main.getCamelContext().getRoutes()).extracting(Route::getRouteId).containsExactlyInAnyOrder(
                    "provision", "ingest", "submit", "submit-entry", "monitor", "collect-task", "collect-file", "collect-bundle", "run-bundle-singly", "fetch-bundle-archive", "collect-rescan", "collect-success", "collect-result",
                    "collect-bundle-reason", "collect-failure", "pool-health", "progress",
                    "pool-lifecycle");
            assertThat(main.getCamelContext().getRoutes()).allSatisfy(route -> assertThat(route.getEndpoint()).isNotNull());
            // The ingest's files in progress are a plain map (Camel's default LRU degrades past ~100,000 files).
            GenericFileEndpoint<?> ingest = (GenericFileEndpoint<?>) main.getCamelContext().getRoute("ingest").getEndpoint();
            assertThat(ingest.getInProgressRepository())
                    .isSameAs(main.getCamelContext().getRegistry().lookupByName("inProgressFiles"));
            assertThat(((MemoryIdempotentRepository) ingest.getInProgressRepository()).getCache())
                    .isInstanceOf(ConcurrentHashMap.class);
        } finally {
            main.stop();
        }
    }
}
