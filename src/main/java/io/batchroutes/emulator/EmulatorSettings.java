package io.batchroutes.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link BatchEmulator}. Immutable; each wither returns a copy.
 * <p>
 * {@link #defaults()} uses the well-known development account, like Azurite's {@code devstoreaccount1}:
 * <pre>
 * account name: devbatchaccount1
 * account key:  FWR/cVaZvb6GZv5pO8YLHcoR2Y8KZj8lfzV161SGeOdv+q+jdaHiCou2ad0Jjn5esg0sdgshhAUriZxaGPOGFA==
 * </pre>
 * The key is public and only good for local development.
 */
public final class EmulatorSettings {
    public static final String DEFAULT_ACCOUNT_NAME = "devbatchaccount1";
    public static final String DEFAULT_ACCOUNT_KEY =
            "FWR/cVaZvb6GZv5pO8YLHcoR2Y8KZj8lfzV161SGeOdv+q+jdaHiCou2ad0Jjn5esg0sdgshhAUriZxaGPOGFA==";
    /** Prefix of the environment variables {@link #fromEnvironment(Map)} reads. */
    public static final String ENV_PREFIX = "BATCH_EMULATOR_";

    private final int port;
    private final String accountName;
    private final String accountKey;
    private final Path dataDir;
    private final int workers;
    private final boolean lenientAuth;
    private final double faultRate;
    private final int faultStatus;
    private final Duration latency;

    private EmulatorSettings(int port, String accountName, String accountKey, Path dataDir, int workers,
            boolean lenientAuth, double faultRate, int faultStatus, Duration latency) {
        this.port = port;
        this.accountName = Objects.requireNonNull(accountName, "accountName");
        this.accountKey = Objects.requireNonNull(accountKey, "accountKey");
        this.dataDir = dataDir;
        this.workers = workers;
        this.lenientAuth = lenientAuth;
        this.faultRate = faultRate;
        this.faultStatus = faultStatus;
        this.latency = latency;
    }

    /** Port 0 (a free one), the well-known account, a temporary data directory, 32 workers, strict auth, no faults. */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings(0, DEFAULT_ACCOUNT_NAME, DEFAULT_ACCOUNT_KEY, null, 32, false, 0.0, 503, Duration.ZERO);
    }

    /**
     * Defaults overridden by {@code BATCH_EMULATOR_PORT}, {@code _ACCOUNT}, {@code _KEY}, {@code _DATA_DIR},
     * {@code _WORKERS}, {@code _LENIENT_AUTH}, {@code _FAULT_RATE}, {@code _FAULT_STATUS}, {@code _LATENCY_MS}.
     */
    public static EmulatorSettings fromEnvironment(Map<String, String> env) {
        EmulatorSettings s = defaults();
        String v;
        if ((v = env.get(ENV_PREFIX + "PORT")) != null) {
            s = s.port(Integer.parseInt(v));
        }
        if ((v = env.get(ENV_PREFIX + "ACCOUNT")) != null) {
            s = s.accountName(v);
        }
        if ((v = env.get(ENV_PREFIX + "KEY")) != null) {
            s = s.accountKey(v);
        }
        if ((v = env.get(ENV_PREFIX + "DATA_DIR")) != null) {
            s = s.dataDir(Path.of(v));
        }
        if ((v = env.get(ENV_PREFIX + "WORKERS")) != null) {
            s = s.workers(Integer.parseInt(v));
        }
        if ((v = env.get(ENV_PREFIX + "LENIENT_AUTH")) != null) {
            s = s.lenientAuth(Boolean.parseBoolean(v));
        }
        if ((v = env.get(ENV_PREFIX + "FAULT_RATE")) != null) {
            s = s.faultRate(Double.parseDouble(v));
        }
        if ((v = env.get(ENV_PREFIX + "FAULT_STATUS")) != null) {
            s = s.faultStatus(Integer.parseInt(v));
        }
        if ((v = env.get(ENV_PREFIX + "LATENCY_MS")) != null) {
            s = s.latency(Duration.ofMillis(Long.parseLong(v)));
        }
        return s;
    }

    /** TCP port on 127.0.0.1; 0 picks a free one. */
    public EmulatorSettings port(int port) {
        return new EmulatorSettings(port, accountName, accountKey, dataDir, workers, lenientAuth, faultRate, faultStatus, latency);
    }

    public EmulatorSettings accountName(String accountName) {
        return new EmulatorSettings(port, accountName, accountKey, dataDir, workers, lenientAuth, faultRate, faultStatus, latency);
    }

    /** Base64 shared key that clients sign requests with. */
    public EmulatorSettings accountKey(String accountKey) {
        return new EmulatorSettings(port, accountName, accountKey, dataDir, workers, lenientAuth, faultRate, faultStatus, latency);
    }

    /** Where node directories live; null means a temporary directory deleted on close. */
    public EmulatorSettings dataDir(Path dataDir) {
        return new EmulatorSettings(port, accountName, accountKey, dataDir, workers, lenientAuth, faultRate, faultStatus, latency);
    }

    /** Threads that run node work (start tasks and tasks) at once; task slots bound concurrency as well. */
    public EmulatorSettings workers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        return new EmulatorSettings(port, accountName, accountKey, dataDir, workers, lenientAuth, faultRate, faultStatus, latency);
    }

    /** Accept any SharedKey signature from the right account (for clients that sign edge cases differently). */
    public EmulatorSettings lenientAuth(boolean lenientAuth) {
        return new EmulatorSettings(port, accountName, accountKey, dataDir, workers, lenientAuth, faultRate, faultStatus, latency);
    }

    /** Fault injection: the fraction (0..1) of authenticated requests answered with {@link #faultStatus()} instead. */
    public EmulatorSettings faultRate(double faultRate) {
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("faultRate must be within 0..1");
        }
        return new EmulatorSettings(port, accountName, accountKey, dataDir, workers, lenientAuth, faultRate, faultStatus, latency);
    }

    /** Fault injection: 503 ({@code ServerBusy}) or 429 ({@code TooManyRequests}), both with {@code Retry-After}. */
    public EmulatorSettings faultStatus(int faultStatus) {
        if (faultStatus != 503 && faultStatus != 429) {
            throw new IllegalArgumentException("faultStatus must be 503 or 429");
        }
        return new EmulatorSettings(port, accountName, accountKey, dataDir, workers, lenientAuth, faultRate, faultStatus, latency);
    }

    /** Fault injection: added before every response. */
    public EmulatorSettings latency(Duration latency) {
        return new EmulatorSettings(port, accountName, accountKey, dataDir, workers, lenientAuth, faultRate, faultStatus,
                Objects.requireNonNull(latency));
    }

    public int port() {
        return port;
    }

    public String accountName() {
        return accountName;
    }

    public String accountKey() {
        return accountKey;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int workers() {
        return workers;
    }

    public boolean lenientAuth() {
        return lenientAuth;
    }

    public double faultRate() {
        return faultRate;
    }

    public int faultStatus() {
        return faultStatus;
    }

    public Duration latency() {
        return latency;
    }

    @Override
    public String toString() {
        return "EmulatorSettings[port=" + port + ", account=" + accountName + ", dataDir=" + dataDir
                + ", workers=" + workers + ", lenientAuth=" + lenientAuth + ", faultRate=" + faultRate + "]";
    }
}
