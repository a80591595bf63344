package io.batchroutes.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Reads {@link EmulatorSettings} from {@code BATCH_EMULATOR_*} variables (see {@link EmulatorSettings#fromEnvironment}). */
final class EmulatorEnvironment {
    private static final String PREFIX = EmulatorSettings.ENV_PREFIX;

    private EmulatorEnvironment() {
    }

    static EmulatorSettings read(Map<String, String> env) {
        EmulatorSettings s = EmulatorSettings.defaults();
        String v;
        if ((v = env.get(PREFIX + "PORT")) != null) {
            s = s.port(Integer.parseInt(v));
        }
        if ((v = env.get(PREFIX + "ACCOUNT")) != null) {
            s = s.accountName(v);
        }
        if ((v = env.get(PREFIX + "WELL_KNOWN_KEY")) != null && Boolean.parseBoolean(v)) {
            if (env.get(PREFIX + "KEY") != null) {
                throw new IllegalArgumentException(PREFIX + "KEY and " + PREFIX + "WELL_KNOWN_KEY exclude each other");
            }
            s = s.wellKnownKey();
        }
        if ((v = env.get(PREFIX + "KEY")) != null) {
            s = s.accountKey(v);
        }
        if ((v = env.get(PREFIX + "DATA_DIR")) != null) {
            s = s.dataDir(Path.of(v));
        }
        if ((v = env.get(PREFIX + "WORKERS")) != null) {
            s = s.workers(Integer.parseInt(v));
        }
        if ((v = env.get(PREFIX + "LENIENT_AUTH")) != null) {
            s = s.lenientAuth(Boolean.parseBoolean(v));
        }
        if ((v = env.get(PREFIX + "FAULT_RATE")) != null) {
            s = s.faultRate(Double.parseDouble(v));
        }
        if ((v = env.get(PREFIX + "FAULT_STATUS")) != null) {
            s = s.faultStatus(Integer.parseInt(v));
        }
        if ((v = env.get(PREFIX + "FAULT_PATH")) != null) {
            s = s.faultPath(v);
        }
        if ((v = env.get(PREFIX + "LATENCY_MS")) != null) {
            s = s.latency(Duration.ofMillis(Long.parseLong(v)));
        }
        if ((v = env.get(PREFIX + "PREEMPT_EVERY")) != null) {
            s = s.preemptionInterval(duration(v, "PREEMPT_EVERY"));
        }
        if ((v = env.get(PREFIX + "PREEMPT_RECOVERY")) != null) {
            s = s.preemptionRecovery(duration(v, "PREEMPT_RECOVERY"));
        }
        if ((v = env.get(PREFIX + "AUTOSCALE_MIN_INTERVAL")) != null) {
            s = s.autoScaleMinInterval(duration(v, "AUTOSCALE_MIN_INTERVAL"));
        }
        if ((v = env.get(PREFIX + "DELETE_DELAY")) != null) {
            s = s.deleteDelay(duration(v, "DELETE_DELAY"));
        }
        if ((v = env.get(PREFIX + "AUTO_STORAGE")) != null) {
            s = s.autoStorageConnectionString(v);
        }
        if ((v = env.get(PREFIX + "APP_PACKAGES")) != null) {
            s = s.applicationPackagesDir(Path.of(v));
        }
        if ((v = env.get(PREFIX + "RESIZE_DURATION")) != null) {
            s = s.resizeDuration(duration(v, "RESIZE_DURATION"));
        }
        return s;
    }

    static Duration duration(String value, String name) {
        try {
            return Duration.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 duration such as PT30S, not " + value);
        }
    }
}
