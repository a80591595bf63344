package io.batchroutes.app.status;

import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import io.batchroutes.app.staging.ResultFile;
import io.batchroutes.component.AzureBatchConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Feeds {@link RecentFiles} from the daemon's own routes as their exchanges end, without touching them: a file the
 * {@code ingest} route staged is waiting; a task the {@code monitor} route collected is done (with its result files)
 * or failed (with the reason the daemon wrote next to the input). The collect routes it reads: a task's exchange
 * ends in {@code monitor}, its body the list of results written (success) or the end of stderr (failure); a body
 * that is still the consumer's {@code CloudTask} was not collected now.
 */
final class FileEvents extends EventNotifierSupport {

    static final String INGEST_ROUTE = "ingest";
    static final String MONITOR_ROUTE = "monitor";

    private final RecentFiles files;
    private final Function<String, Optional<String>> failedReason;
    private final Path outputDir;

    /**
     * @param failedReason the reason file's text for a failed input's name, if there is one
     * @param outputDir    where the results are written
     */
    FileEvents(RecentFiles files, Function<String, Optional<String>> failedReason, Path outputDir) {
        this.files = files;
        this.failedReason = failedReason;
        this.outputDir = outputDir;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        String correlation = exchange.getProperty(ExchangePropertyKey.CORRELATION_ID, String.class);
        if (correlation != null && !correlation.equals(exchange.getExchangeId())) {
            // A copy made inside a route (a split's part): the file's own exchange tells the outcome. (An aggregated
            // split copies its parts' properties back, so the file's exchange may carry its own id here.)
            return;
        }
        String route = exchange.getFromRouteId();
        if (INGEST_ROUTE.equals(route)) {
            ingested(exchange);
        } else if (MONITOR_ROUTE.equals(route)) {
            collected(exchange);
        }
    }

    private void ingested(Exchange exchange) {
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        String taskId = exchange.getIn().getHeader(AzureBatchConstants.TASK_ID, String.class);
        if (name == null || taskId == null) {
            return; // a repeated drop, moved straight to its earlier outcome
        }
        Exception failure = failure(exchange);
        if (failure == null) {
            files.staged(taskId, name);
        } else if (!failure.getClass().getSimpleName().equals("ClaimLostException")) {
            files.failedToStart(name, failedReason.apply(name).orElse(String.valueOf(failure.getMessage())));
        }
    }

    private void collected(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof CloudTask) {
            return; // still the consumer's body: collected before (a restart), the route's filter let it by
        }
        String taskId = exchange.getIn().getHeader(AzureBatchConstants.TASK_ID, String.class);
        String name = exchange.getIn().getHeader(AzureBatchConstants.TASK_DISPLAY_NAME, String.class);
        if (taskId == null || name == null || failure(exchange) != null) {
            return; // not collected (it stays in processing/ and is collected on the next start)
        }
        String node = exchange.getIn().getHeader(AzureBatchConstants.NODE_ID, String.class);
        Instant started = exchange.getIn().getHeader(AzureBatchConstants.TASK_START_TIME, Instant.class);
        Instant ended = exchange.getIn().getHeader(AzureBatchConstants.TASK_END_TIME, Instant.class);
        List<Path> results = results(exchange.getMessage().getBody());
        boolean success = "success".equals(exchange.getIn().getHeader(AzureBatchConstants.TASK_RESULT, String.class))
                          && !results.isEmpty();
        String reason = success ? null : failedReason.apply(name).orElseGet(() -> reasonFromHeaders(exchange));
        files.finished(taskId, name, success, node, started, ended, reason, results);
    }

    /** The results the collect route wrote: its body is the list of {@link ResultFile}s (plain names). */
    private List<Path> results(Object body) {
        List<Path> results = new ArrayList<>();
        if (body instanceof Collection<?> collection) {
            for (Object element : collection) {
                if (element instanceof ResultFile result) {
                    results.add(outputDir.resolve(result.localName()));
                } else if (element instanceof File file) {
                    results.add(file.toPath());
                }
            }
        }
        return results;
    }

    private static String reasonFromHeaders(Exchange exchange) {
        Integer exit = exchange.getIn().getHeader(AzureBatchConstants.EXIT_CODE, Integer.class);
        String code = exchange.getIn().getHeader(AzureBatchConstants.FAILURE_CODE, String.class);
        String message = exchange.getIn().getHeader(AzureBatchConstants.FAILURE_MESSAGE, String.class);
        return "exit code: " + (exit == null ? "none" : exit) + (code == null ? "" : "\nfailure: " + code)
               + (message == null ? "" : " - " + message);
    }

    private static Exception failure(Exchange exchange) {
        return exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(ExchangePropertyKey.EXCEPTION_CAUGHT, Exception.class);
    }
}
