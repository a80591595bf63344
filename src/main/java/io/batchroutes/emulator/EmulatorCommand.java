package io.batchroutes.emulator;

import io.batchroutes.emulator.node.NodeAgent;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code batch-routes.jar emulator [--port N] [--account NAME] [--key BASE64 | --well-known-key] [--data-dir DIR]
 * [--workers N] [--lenient-auth] [--fault-rate F] [--fault-status 503|429] [--fault-path PART] [--latency-ms N] [--preempt-every DURATION]
 * [--preempt-recovery DURATION] [--autoscale-min-interval DURATION] [--delete-delay DURATION] [--app-packages DIR]
 * [--resize-duration DURATION]}: runs the emulator until SIGTERM or
 * Ctrl-C. Options override the {@code BATCH_EMULATOR_*} environment variables, which override the defaults.
 * Without a key given, the key is kept in {@code <data-dir>/account.key} (random on the first start, {@code 0600});
 * the ready line says where, never the key itself.
 */
public final class EmulatorCommand {
    private EmulatorCommand() {
    }

    public static void main(String[] args) {
        NodeAgent.preferFastProcessLaunch();
        EmulatorSettings settings;
        try {
            settings = parse(args, defaultsOf(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("emulator: " + e.getMessage());
            System.err.println("usage: emulator [--port N] [--account NAME] [--key BASE64 | --well-known-key] [--data-dir DIR] "
                    + "[--workers N] [--lenient-auth] [--fault-rate F] [--fault-status 503|429] [--fault-path PART] [--latency-ms N] "
                    + "[--preempt-every PT30S] [--preempt-recovery PT5S] [--autoscale-min-interval PT5M] [--delete-delay PT0.25S] "
                    + "[--app-packages DIR] [--resize-duration PT2S]\n"
                    + "(the linked storage account for autoStorageContainerName: env BATCH_EMULATOR_AUTO_STORAGE)");
            System.exit(2);
            return;
        }
        BatchEmulator emulator = BatchEmulator.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "batch-emulator-shutdown"));
        System.out.println(readyLine(emulator, settings));
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The environment's settings; the key in the data directory unless the environment gives one. */
    static EmulatorSettings defaultsOf(java.util.Map<String, String> env) {
        EmulatorSettings settings = EmulatorSettings.fromEnvironment(env);
        boolean keyGiven = env.containsKey(EmulatorSettings.ENV_PREFIX + "KEY") || settings.usesWellKnownKey();
        return keyGiven ? settings : settings.storedKey();
    }

    /**
     * {@code Batch emulator listening on <url> account=<name> key=<where>}: where is the key file's path, "given"
     * (from --key or the environment) or "well-known". The key itself is never printed.
     */
    static String readyLine(BatchEmulator emulator, EmulatorSettings settings) {
        String key = emulator.keyFile() != null ? emulator.keyFile().toAbsolutePath().toString()
                : settings.usesWellKnownKey() ? "well-known" : "given";
        return "Batch emulator listening on " + emulator.url() + " account=" + emulator.accountName() + " key=" + key;
    }

    static EmulatorSettings parse(String[] args, EmulatorSettings settings) {
        boolean keyOption = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--lenient-auth")) {
                settings = settings.lenientAuth(true);
                continue;
            }
            if (a.equals("--well-known-key") || a.equals("--key")) {
                if (keyOption) {
                    throw new IllegalArgumentException("give --key or --well-known-key, once");
                }
                keyOption = true;
                if (a.equals("--well-known-key")) {
                    settings = settings.wellKnownKey();
                    continue;
                }
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            String v = args[++i];
            try {
                settings = switch (a) {
                    case "--port" -> settings.port(Integer.parseInt(v));
                    case "--account" -> settings.accountName(v);
                    case "--key" -> settings.accountKey(v);
                    case "--data-dir" -> settings.dataDir(Path.of(v));
                    case "--workers" -> settings.workers(Integer.parseInt(v));
                    case "--fault-rate" -> settings.faultRate(Double.parseDouble(v));
                    case "--fault-status" -> settings.faultStatus(Integer.parseInt(v));
                    case "--fault-path" -> settings.faultPath(v);
                    case "--latency-ms" -> settings.latency(java.time.Duration.ofMillis(Long.parseLong(v)));
                    case "--preempt-every" -> settings.preemptionInterval(EmulatorEnvironment.duration(v, a));
                    case "--preempt-recovery" -> settings.preemptionRecovery(EmulatorEnvironment.duration(v, a));
                    case "--autoscale-min-interval" -> settings.autoScaleMinInterval(EmulatorEnvironment.duration(v, a));
                    case "--delete-delay" -> settings.deleteDelay(EmulatorEnvironment.duration(v, a));
                    case "--app-packages" -> settings.applicationPackagesDir(Path.of(v));
                    case "--resize-duration" -> settings.resizeDuration(EmulatorEnvironment.duration(v, a));
                    default -> throw new IllegalArgumentException("unknown option " + a);
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number for " + a + ": " + v);
            }
        }
        return settings;
    }
}
