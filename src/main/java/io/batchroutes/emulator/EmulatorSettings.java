package io.batchroutes.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to start a {@link BatchEmulator}. Immutable; each wither returns a copy.
 * <p>
 * {@link #defaults()} uses the account {@code devbatchaccount1} with a fresh random key (read it back with
 * {@link BatchEmulator#accountKey()}). {@link #storedKey()} keeps the key in the data directory instead, and
 * {@link #wellKnownKey()} uses the published development key, like Azurite's {@code devstoreaccount1}:
 * <pre>
 * account name: devbatchaccount1
 * account key:  FWR/cVaZvb6GZv5pO8YLHcoR2Y8KZj8lfzV161SGeOdv+q+jdaHiCou2ad0Jjn5esg0sdgshhAUriZxaGPOGFA==
 * </pre>
 * That key is public: whoever can reach the port with it can run commands as the emulator's user. SDK demos only.
 */
public final class EmulatorSettings {
    public static final String DEFAULT_ACCOUNT_NAME = "devbatchaccount1";
    /** The published development key: only with {@link #wellKnownKey()}, never by default. */
    public static final String WELL_KNOWN_ACCOUNT_KEY =
            "FWR/cVaZvb6GZv5pO8YLHcoR2Y8KZj8lfzV161SGeOdv+q+jdaHiCou2ad0Jjn5esg0sdgshhAUriZxaGPOGFA==";
    /** Prefix of the environment variables {@link #fromEnvironment(Map)} reads. */
    public static final String ENV_PREFIX = "BATCH_EMULATOR_";

    // Not final only so that the withers can fill a copy; no instance changes once returned.
    private int port;
    private String accountName = DEFAULT_ACCOUNT_NAME;
    /** Null: kept in {@code <dataDir>/account.key} ({@link #storedKey()}). */
    private String accountKey = AccountKeys.random();
    private Path dataDir;
    private int workers = 32;
    private boolean lenientAuth;
    private double faultRate;
    private int faultStatus = 503;
    private String faultPath;
    private Duration latency = Duration.ZERO;
    private Duration preemptionInterval;
    private Duration preemptionRecovery = Duration.ofSeconds(5);
    private Duration autoScaleMinInterval = Duration.ofMinutes(5);
    private String autoStorageConnectionString;
    private Duration idleTimeout = Duration.ofSeconds(120);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int maxConnections = 512;
    private Duration deleteDelay = Duration.ofMillis(250);
    private Path applicationPackagesDir;
    private Duration resizeDuration = Duration.ZERO;

    private EmulatorSettings() {
    }

    private EmulatorSettings copy() {
        EmulatorSettings c = new EmulatorSettings();
        c.port = port;
        c.accountName = accountName;
        c.accountKey = accountKey;
        c.dataDir = dataDir;
        c.workers = workers;
        c.lenientAuth = lenientAuth;
        c.faultRate = faultRate;
        c.faultStatus = faultStatus;
        c.faultPath = faultPath;
        c.latency = latency;
        c.preemptionInterval = preemptionInterval;
        c.preemptionRecovery = preemptionRecovery;
        c.autoScaleMinInterval = autoScaleMinInterval;
        c.autoStorageConnectionString = autoStorageConnectionString;
        c.idleTimeout = idleTimeout;
        c.requestTimeout = requestTimeout;
        c.maxConnections = maxConnections;
        c.deleteDelay = deleteDelay;
        c.applicationPackagesDir = applicationPackagesDir;
        c.resizeDuration = resizeDuration;
        return c;
    }

    /** Port 0, {@code devbatchaccount1} with a random key, a temporary data folder, 32 workers, strict auth, no faults. */
    public static EmulatorSettings defaults() {
        return new EmulatorSettings();
    }

    /**
     * Defaults overridden by the {@code BATCH_EMULATOR_*} variables that docs/emulator.md lists: each option in upper
     * case ({@code _PORT}, {@code _FAULT_RATE}, {@code _FAULT_PATH}, ...), durations in ISO-8601 (PT30S).
     */
    public static EmulatorSettings fromEnvironment(Map<String, String> env) {
        return EmulatorEnvironment.read(env);
    }

    /** TCP port on 127.0.0.1; 0 picks a free one. */
    public EmulatorSettings port(int port) {
        EmulatorSettings c = copy();
        c.port = port;
        return c;
    }

    public EmulatorSettings accountName(String accountName) {
        EmulatorSettings c = copy();
        c.accountName = Objects.requireNonNull(accountName, "accountName");
        return c;
    }

    /** Base64 shared key that clients sign requests with (at least 32 bytes, as {@link AccountKeys#random()} makes). */
    public EmulatorSettings accountKey(String accountKey) {
        Objects.requireNonNull(accountKey, "accountKey");
        byte[] decoded;
        try {
            decoded = java.util.Base64.getDecoder().decode(accountKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the account key must be base64");
        }
        if (decoded.length < 32) {
            throw new IllegalArgumentException("the account key must be at least 32 bytes (base64 of 44+ characters)");
        }
        EmulatorSettings c = copy();
        c.accountKey = accountKey;
        return c;
    }

    /**
     * The key kept in {@code <dataDir>/account.key}: created with a random key ({@code 0600}, the folder {@code 0700})
     * on the first start, read on later ones, so clients configured with it survive a restart.
     */
    public EmulatorSettings storedKey() {
        EmulatorSettings c = copy();
        c.accountKey = null;
        return c;
    }

    /** The published development key {@link #WELL_KNOWN_ACCOUNT_KEY}, for SDK demos; anyone may sign with it. */
    public EmulatorSettings wellKnownKey() {
        return accountKey(WELL_KNOWN_ACCOUNT_KEY);
    }

    /** Where node directories live; null means a temporary directory deleted on close. */
    public EmulatorSettings dataDir(Path dataDir) {
        EmulatorSettings c = copy();
        c.dataDir = dataDir;
        return c;
    }

    /** Threads that run node work (start tasks and tasks) at once; task slots bound concurrency as well. */
    public EmulatorSettings workers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
        EmulatorSettings c = copy();
        c.workers = workers;
        return c;
    }

    /** Accept any SharedKey signature from the right account (for clients that sign edge cases differently). */
    public EmulatorSettings lenientAuth(boolean lenientAuth) {
        EmulatorSettings c = copy();
        c.lenientAuth = lenientAuth;
        return c;
    }

    /** Fault injection: the fraction (0..1) of authenticated requests answered with {@link #faultStatus()} instead. */
    public EmulatorSettings faultRate(double faultRate) {
        if (faultRate < 0 || faultRate > 1) {
            throw new IllegalArgumentException("faultRate must be within 0..1");
        }
        EmulatorSettings c = copy();
        c.faultRate = faultRate;
        return c;
    }

    /** Fault injection: 503 ({@code ServerBusy}) or 429 ({@code TooManyRequests}), both with {@code Retry-After}. */
    public EmulatorSettings faultStatus(int faultStatus) {
        if (faultStatus != 503 && faultStatus != 429) {
            throw new IllegalArgumentException("faultStatus must be 503 or 429");
        }
        EmulatorSettings c = copy();
        c.faultStatus = faultStatus;
        c.faultPath = faultPath;
        return c;
    }

    /** Fault injection: only requests whose path contains this (e.g. {@code addtaskcollection}) fail; null: any. */
    public EmulatorSettings faultPath(String pathPart) {
        EmulatorSettings c = copy();
        c.faultPath = pathPart == null || pathPart.isBlank() ? null : pathPart;
        return c;
    }

    /** Fault injection: added before every response. */
    public EmulatorSettings latency(Duration latency) {
        EmulatorSettings c = copy();
        c.latency = Objects.requireNonNull(latency);
        return c;
    }

    /**
     * Fault injection: every this often, one spot/low-priority node that runs tasks (else any spot node) is
     * preempted, as Azure reclaims spot VMs; null (the default) never preempts.
     */
    public EmulatorSettings preemptionInterval(Duration interval) {
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("the preemption interval must be positive");
        }
        EmulatorSettings c = copy();
        c.preemptionInterval = interval;
        return c;
    }

    /** How long a preempted node stays {@code preempted} before it is allocated again (boots, runs its start task). */
    public EmulatorSettings preemptionRecovery(Duration recovery) {
        EmulatorSettings c = copy();
        c.preemptionRecovery = Objects.requireNonNull(recovery);
        return c;
    }

    /**
     * The shortest {@code autoScaleEvaluationInterval} accepted; the service's is 5 minutes, which the default keeps.
     * Lower it to watch autoscale act within a test.
     */
    public EmulatorSettings autoScaleMinInterval(Duration minimum) {
        EmulatorSettings c = copy();
        c.autoScaleMinInterval = Objects.requireNonNull(minimum);
        return c;
    }

    /**
     * The storage account linked to the Batch account (its "auto-storage"), as a connection string; resource files
     * with {@code autoStorageContainerName} are read from it. Null: such resource files fail as on an account
     * without one.
     */
    public EmulatorSettings autoStorageConnectionString(String connectionString) {
        EmulatorSettings c = copy();
        c.autoStorageConnectionString = connectionString;
        return c;
    }

    /**
     * HTTP: a connection on which nothing is received or sent and no request is being answered is closed after this
     * long (default 2 minutes, about what Azure's load balancers allow).
     */
    public EmulatorSettings idleTimeout(Duration timeout) {
        EmulatorSettings c = copy();
        c.idleTimeout = positive(timeout, "idleTimeout");
        return c;
    }

    /** HTTP: a request must arrive whole within this long of its first byte (default 30 s), else it is closed. */
    public EmulatorSettings requestTimeout(Duration timeout) {
        EmulatorSettings c = copy();
        c.requestTimeout = positive(timeout, "requestTimeout");
        return c;
    }

    /** HTTP: connections open at once (default 512); one more is closed as soon as it is accepted. */
    public EmulatorSettings maxConnections(int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        EmulatorSettings c = copy();
        c.maxConnections = maxConnections;
        return c;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public int maxConnections() {
        return maxConnections;
    }

    /**
     * The application package store: a folder of {@code <application>/<version>.zip} (plus an optional
     * {@code <application>/default-version} file); null means {@code <dataDir>/applications}.
     */
    public EmulatorSettings applicationPackagesDir(Path dir) {
        EmulatorSettings c = copy();
        c.applicationPackagesDir = dir;
        return c;
    }

    /**
     * How long a pool shows {@code resizing} (or {@code stopping}) after a change of size, and a node
     * {@code starting}, {@code rebooting} or {@code reimaging}; zero (the default) does all at once.
     */
    public EmulatorSettings resizeDuration(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the resize duration must not be negative");
        }
        EmulatorSettings c = copy();
        c.resizeDuration = duration;
        return c;
    }

    public Path applicationPackagesDir() {
        return applicationPackagesDir;
    }

    public Duration resizeDuration() {
        return resizeDuration;
    }

    public int port() {
        return port;
    }

    public String accountName() {
        return accountName;
    }

    /** The key, or null when it is kept in the data directory ({@link #storedKey()}). */
    public String accountKey() {
        return accountKey;
    }

    /** Whether the key is the published one. */
    public boolean usesWellKnownKey() {
        return WELL_KNOWN_ACCOUNT_KEY.equals(accountKey);
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

    public String faultPath() {
        return faultPath;
    }

    public Duration latency() {
        return latency;
    }

    public Duration preemptionInterval() {
        return preemptionInterval;
    }

    public Duration preemptionRecovery() {
        return preemptionRecovery;
    }

    public Duration autoScaleMinInterval() {
        return autoScaleMinInterval;
    }

    /**
     * How long a deleted pool, job or job schedule stays {@code deleting} (changes answer 409 *BeingDeleted, a new
     * one with its id too) before it is gone, as the service takes a while to delete; default 250 ms, zero for none.
     */
    public EmulatorSettings deleteDelay(Duration delay) {
        EmulatorSettings c = copy();
        c.deleteDelay = Objects.requireNonNull(delay);
        return c;
    }

    public Duration deleteDelay() {
        return deleteDelay;
    }

    public String autoStorageConnectionString() {
        return autoStorageConnectionString;
    }

    /** Never shows the key or the auto-storage connection string (it holds a key too). */
    @Override
    public String toString() {
        return "EmulatorSettings[port=" + port + ", account=" + accountName + ", dataDir=" + dataDir
                + ", workers=" + workers + ", lenientAuth=" + lenientAuth + ", faultRate=" + faultRate
                + ", preemptionInterval=" + preemptionInterval + ", autoStorage="
                + (autoStorageConnectionString == null ? "none" : "set") + "]";
    }
}
