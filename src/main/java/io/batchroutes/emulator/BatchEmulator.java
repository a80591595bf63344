package io.batchroutes.emulator;

import io.batchroutes.emulator.handler.AccountHandler;
import io.batchroutes.emulator.handler.ApplicationsHandler;
import io.batchroutes.emulator.handler.FilesHandler;
import io.batchroutes.emulator.handler.JobSchedulesHandler;
import io.batchroutes.emulator.handler.JobsHandler;
import io.batchroutes.emulator.handler.NodesHandler;
import io.batchroutes.emulator.handler.PoolsHandler;
import io.batchroutes.emulator.handler.StatisticsHandler;
import io.batchroutes.emulator.handler.TasksHandler;
import io.batchroutes.emulator.http.BatchHttpServer;
import io.batchroutes.emulator.http.HttpConfig;
import io.batchroutes.emulator.node.AutoStorage;
import io.batchroutes.emulator.node.NodeAgent;
import io.batchroutes.emulator.service.AccountService;
import io.batchroutes.emulator.service.ApplicationService;
import io.batchroutes.emulator.service.AutoPools;
import io.batchroutes.emulator.service.FileService;
import io.batchroutes.emulator.service.Housekeeping;
import io.batchroutes.emulator.service.JobScheduleRunner;
import io.batchroutes.emulator.service.JobScheduleService;
import io.batchroutes.emulator.service.JobService;
import io.batchroutes.emulator.service.JobStarter;
import io.batchroutes.emulator.service.PoolService;
import io.batchroutes.emulator.service.Scheduler;
import io.batchroutes.emulator.service.ServiceContext;
import io.batchroutes.emulator.service.StatisticsService;
import io.batchroutes.emulator.service.TaskService;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.StateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local Azure Batch account: an HTTP server speaking the Batch data-plane REST API (SharedKey-authenticated) whose
 * pools are local "nodes" (directories under the data directory) that run tasks as real processes.
 * <pre>
 * try (BatchEmulator emu = BatchEmulator.start(EmulatorSettings.defaults())) { // a fresh random key
 *     BatchClient client = BatchClient.open(new BatchSharedKeyCredentials(emu.url(), emu.accountName(), emu.accountKey()));
 * }
 * </pre>
 */
public final class BatchEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchEmulator.class);
    private static final String BIND_ADDRESS = "127.0.0.1";

    private final EmulatorSettings settings;
    private final BatchHttpServer server;
    private final Scheduler scheduler;
    private final PoolService pools;
    private final StatePersistence persistence;
    private final Housekeeping housekeeping;
    private final JobScheduleRunner scheduleRunner;
    private final Path dataDir;
    private final boolean ownsDataDir;
    private final String url;
    private final String accountKey;

    private BatchEmulator(EmulatorSettings settings, String accountKey, BatchHttpServer server, Scheduler scheduler,
            PoolService pools, StatePersistence persistence, Housekeeping housekeeping, JobScheduleRunner scheduleRunner,
            Path dataDir, boolean ownsDataDir, String url) {
        this.housekeeping = housekeeping;
        this.scheduleRunner = scheduleRunner;
        this.settings = settings;
        this.server = server;
        this.scheduler = scheduler;
        this.pools = pools;
        this.persistence = persistence;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.url = url;
        this.accountKey = accountKey;
    }

    /** Starts the emulator on 127.0.0.1 and returns once it listens. */
    public static BatchEmulator start(EmulatorSettings settings) {
        Path dataDir;
        boolean owns = settings.dataDir() == null;
        try {
            dataDir = owns ? Files.createTempDirectory("batch-emulator-") : Files.createDirectories(settings.dataDir());
            Files.createDirectories(dataDir.resolve("nodes"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the emulator's data directory", e);
        }
        String accountKey;
        try {
            accountKey = settings.accountKey() != null ? settings.accountKey() : AccountKeys.loadOrCreate(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the account key in " + dataDir + ": " + e.getMessage(), e);
        }
        AtomicReference<String> url = new AtomicReference<>();
        AutoStorage autoStorage = settings.autoStorageConnectionString() == null ? null
                : new AutoStorage(settings.autoStorageConnectionString());
        Path packageStore = settings.applicationPackagesDir() != null ? settings.applicationPackagesDir()
                : dataDir.resolve("applications");
        ApplicationService applications = new ApplicationService(packageStore.toAbsolutePath());
        ServiceContext ctx = new ServiceContext(new BatchStore(), settings.accountName(), url::get,
                dataDir.resolve("nodes").toAbsolutePath(), settings.autoScaleMinInterval(), autoStorage,
                settings.deleteDelay(), settings.resizeDuration(), applications);
        Scheduler scheduler = new Scheduler(ctx, new NodeAgent(), settings.workers());
        PoolService pools = new PoolService(ctx, scheduler);
        JobService jobs = new JobService(ctx, scheduler);
        TaskService tasks = new TaskService(ctx, scheduler, jobs);
        FileService files = new FileService(ctx, jobs, pools);
        AutoPools autoPools = new AutoPools(ctx, pools);
        JobStarter starter = new JobStarter(jobs, tasks, pools, autoPools);
        JobScheduleService schedules = new JobScheduleService(ctx, jobs);
        StatisticsHandler statistics = new StatisticsHandler(new StatisticsService(ctx));
        BatchHttpServer server = new BatchHttpServer(
                new HttpConfig(BIND_ADDRESS, settings.port(), settings.accountName(), accountKey,
                        settings.lenientAuth(), settings.faultRate(), settings.faultStatus(), settings.faultPath(),
                        settings.latency(), settings.idleTimeout(), settings.requestTimeout(), settings.maxConnections()),
                new PoolsHandler(pools, statistics), new JobsHandler(jobs, starter, statistics),
                new TasksHandler(tasks), new FilesHandler(files), new AccountHandler(new AccountService()),
                new JobSchedulesHandler(schedules, statistics), statistics, new NodesHandler(pools.nodes()),
                new ApplicationsHandler(applications));
        try {
            int port = server.start();
            url.set("http://" + BIND_ADDRESS + ":" + port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            scheduler.close();
            throw new IllegalStateException("Interrupted while starting the Batch emulator", e);
        } catch (RuntimeException e) {
            server.close();
            scheduler.close();
            throw e;
        }
        StatePersistence persistence = owns ? null : new StatePersistence(new StateFile(dataDir.resolve("state.json")), ctx.store());
        if (persistence != null) {
            persistence.restore(ctx, scheduler);
            autoPools.rebuild();
        }
        JobScheduleRunner scheduleRunner = new JobScheduleRunner(ctx, starter, autoPools);
        LOG.info("Batch emulator on {} account={} dataDir={}", url.get(), settings.accountName(), dataDir);
        if (settings.usesWellKnownKey()) {
            LOG.warn("Batch emulator on {} uses the published development key: anyone on this host can run commands"
                    + " as this user through it", url.get());
        }
        Housekeeping housekeeping = new Housekeeping(pools, tasks, settings.preemptionInterval(),
                settings.preemptionRecovery());
        return new BatchEmulator(settings, accountKey, server, scheduler, pools, persistence, housekeeping,
                scheduleRunner, dataDir, owns, url.get());
    }

    /** {@code http://127.0.0.1:PORT}, the account URL clients use. */
    public String url() {
        return url;
    }

    public String accountName() {
        return settings.accountName();
    }

    /** The base64 shared key. */
    public String accountKey() {
        return accountKey;
    }

    /** Where the key is kept ({@code <dataDir>/account.key}), or null when it was given and lives in memory only. */
    public Path keyFile() {
        return settings.accountKey() == null ? dataDir.resolve(AccountKeys.FILE_NAME) : null;
    }

    /** The data directory; node directories are under {@code nodes/<nodeId>}. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Simulates Azure reclaiming a spot/low-priority node: the node becomes {@code preempted} and stops taking
     * tasks; its running tasks are killed and requeued ({@code requeueCount} + 1) to run on another node.
     */
    public void preemptNode(String poolId, String nodeId) {
        pools.nodes().preemptNode(poolId, nodeId);
    }

    /** Stops the server, kills every running task's process tree, and deletes the data directory if it was temporary. */
    @Override
    public void close() {
        server.close();
        scheduleRunner.close();
        housekeeping.close();
        if (persistence != null) {
            persistence.close();
        }
        scheduler.close();
        if (ownsDataDir) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                LOG.warn("could not delete {}: {}", dataDir, e.toString());
            }
        }
        LOG.info("Batch emulator on {} stopped", url);
    }
}
