package io.batchroutes.app.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the status page into the daemon: the file events, the shared snapshot and the output follower on one timer
 * thread, and the HTTP routes on Camel's management server once it runs. The routes go on the management server's
 * own Vert.x router, as camel-micrometer-prometheus adds /observe/metrics there: the same port and host as
 * /observe/health, no second server, no Camel route (a platform-http route would land on the main HTTP server).
 */
public final class StatusPage extends ServiceSupport implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);
    private static final int REASON_LIMIT = 8 * 1024;

    private final CamelContext context;
    private final StatusSettings settings;
    private final RecentFiles files;
    private final Function<String, Optional<String>> failedReason;
    private final BiFunction<String, Instant, Optional<String>> failedSince;
    private final AtomicLong followReads = new AtomicLong();
    private ScheduledExecutorService timer;
    private ComponentBatchReader batch;
    private SharedSnapshot snapshot;
    private OutputFollower output;

    private StatusPage(CamelContext context, StatusSettings settings, Function<String, String> workTypeOf,
                       Function<String, Path> reasonFile) {
        this.context = context;
        this.settings = settings;
        this.files = new RecentFiles(settings.recentFiles(), Clock.systemUTC(), workTypeOf);
        this.failedReason = name -> readReason(reasonFile.apply(name), Instant.MIN);
        this.failedSince = (name, since) -> readReason(reasonFile.apply(name), since);
    }

    /**
     * Adds the page to the daemon unless {@code batchroutes.status.enabled=false}. Refuses (the daemon does not
     * start) when the management server is reachable from other machines and no {@code batchroutes.status.token} is set.
     *
     * @param workTypeOf the work type that takes a file name (null: none)
     * @param reasonFile where the daemon writes the reason of a failed input
     */
    public static void install(CamelContext context, Function<String, String> workTypeOf, Function<String, Path> reasonFile) {
        StatusSettings settings = StatusSettings.from(key -> context.getPropertiesComponent().resolveProperty(key));
        if (!settings.enabled()) {
            return;
        }
        settings.check();
        StatusPage page = new StatusPage(context, settings, workTypeOf, reasonFile);
        try {
            context.getManagementStrategy().addEventNotifier(new FileEvents(page.files, page.failedReason,
                    settings.outputDir()));
            context.addService(page, true, true);
            context.addStartupListener(page);
        } catch (Exception e) {
            throw new IllegalStateException("The status page could not be added", e);
        }
    }

    @Override
    protected void doStart() {
        batch = new ComponentBatchReader(context, settings.jobId());
        Clock clock = Clock.systemUTC();
        snapshot = new SharedSnapshot(batch, files, failedSince, settings.poolId(), settings.jobId(), settings.refresh(),
                clock, followReads);
        output = new OutputFollower(batch, files::hasTaskEnded, Duration.ofSeconds(30), clock, followReads);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "batch-routes-status");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(quietly(snapshot::tick), settings.refresh().toMillis(), settings.refresh().toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(quietly(output::tick), settings.follow().toMillis(), settings.follow().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (batch != null) {
            batch.close();
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the management server's router exists once the context has fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            LOG.info("Status page off: the management server is not running (camel.management.enabled)");
            return;
        }
        new StatusHttp(snapshot, output, files, settings.token()).register(server.getRouter());
        LOG.info("Status page: http://{}:{}{}{}", settings.host(), server.getPort(), StatusHttp.BASE,
                settings.token().isBlank() ? "" : "?token=...");
    }

    private static Runnable quietly(Runnable tick) {
        return () -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                LOG.debug("Status page tick failed", e);
            }
        };
    }

    /** The reason file's text if it was written after {@code since}. */
    private static Optional<String> readReason(Path file, Instant since) {
        try {
            if (file == null || !Files.isRegularFile(file)
                || Files.getLastModifiedTime(file).toInstant().isBefore(since)) {
                return Optional.empty();
            }
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(new String(bytes, 0, Math.min(bytes.length, REASON_LIMIT), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
