package io.batchroutes.app.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import io.batchroutes.emulator.AccountKeys;
import io.batchroutes.emulator.BatchEmulator;
import io.batchroutes.emulator.EmulatorSettings;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: Azurite for blobs and our Batch emulator, both on free loopback ports, with their data
 * under one folder. Hands back the properties that point the routes at them.
 */
public final class LocalServices extends ServiceSupport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalServices.class);

    private final AzuriteSupervisor azurite;
    private final BatchEmulator emulator;

    private LocalServices(AzuriteSupervisor azurite, BatchEmulator emulator) {
        this.azurite = azurite;
        this.emulator = emulator;
    }

    public static LocalServices start(Path dataDir, Path azuriteHome) throws IOException {
        PrivateFiles.directory(dataDir);
        // Random keys per data folder, kept 0600 (account.key in azurite/ and batch/): the published development
        // keys would let anyone on this host run commands as this user and read every input.
        Path azuriteData = PrivateFiles.directory(dataDir.resolve("azurite"));
        AzuriteSupervisor azurite = AzuriteSupervisor.start(azuriteHome, azuriteData, AccountKeys.loadOrCreate(azuriteData),
                Duration.ofSeconds(60));
        try {
            // BATCH_EMULATOR_* variables (fault injection, latency) apply to the embedded emulator too.
            Path batchData = PrivateFiles.directory(dataDir.resolve("batch"));
            // Autoscale intervals down to 5 s locally (the service's minimum is 5 min), unless the environment says.
            EmulatorSettings settings = EmulatorSettings.fromEnvironment(System.getenv());
            if (!System.getenv().containsKey(EmulatorSettings.ENV_PREFIX + "KEY")
                    && !Boolean.parseBoolean(System.getenv(EmulatorSettings.ENV_PREFIX + "WELL_KNOWN_KEY"))) {
                settings = settings.storedKey();
            }
            if (!System.getenv().containsKey(EmulatorSettings.ENV_PREFIX + "AUTOSCALE_MIN_INTERVAL")) {
                settings = settings.autoScaleMinInterval(Duration.ofSeconds(5));
            }
            BatchEmulator emulator = BatchEmulator.start(settings
                    .port(FreePort.sticky(dataDir.resolve("batch.port"))).dataDir(batchData));
            LOG.info("Batch emulator on {} (account {})", emulator.url(), emulator.accountName());
            return new LocalServices(azurite, emulator);
        } catch (RuntimeException e) {
            azurite.close();
            throw e;
        }
    }

    /** Azurite's supervisor (restarts it if it dies). */
    public AzuriteSupervisor azurite() {
        return azurite;
    }

    /** The properties that point the routes at these services. */
    public Map<String, String> properties() {
        return Map.of(
                "batchroutes.batch.account-url", emulator.url(),
                "batchroutes.batch.account-name", emulator.accountName(),
                "batchroutes.batch.account-key", emulator.accountKey(),
                "batchroutes.storage.connection-string", azurite.connectionString());
    }

    /** Where the build installed Azurite, unless configured otherwise. */
    public static Path defaultAzuriteHome() {
        try (InputStream in = LocalServices.class.getResourceAsStream("/batch-routes-build.properties")) {
            Properties build = new Properties();
            if (in != null) {
                build.load(in);
            }
            return Path.of(build.getProperty("azurite.home", "."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void doStop() {
        try {
            emulator.close();
        } finally {
            azurite.close();
        }
        LOG.info("Local services stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
