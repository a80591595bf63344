package io.batchroutes.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import io.batchroutes.app.local.LocalServices;
import io.batchroutes.emulator.EmulatorCommand;
import io.batchroutes.emulator.EmulatorProcesses;
import org.apache.camel.main.Main;

/**
 * {@code java -jar batch-routes.jar [--config FILE]} runs the daemon (the embedded default unless configured
 * otherwise); {@code --once} processes what is in the input folder and exits; {@code emulator [...]} runs only the
 * Batch emulator.
 */
public final class BatchRoutesMain {

    private BatchRoutesMain() {
    }

    public static void main(String[] args) throws Exception {
        EmulatorProcesses.preferFastProcessLaunch();
        io.batchroutes.app.status.StatusCommand.runIfAsked(args);
        if (args.length > 0 && args[0].equals("emulator")) {
            EmulatorCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Main main;
        StartArguments arguments;
        try {
            arguments = StartArguments.parse(args);
            ConfigurationSources sources = ConfigurationSources.ofProcess(Path.of(""), arguments.config(), System.getenv(),
                    System.getProperties());
            main = Daemon.create(sources, Map.of());
        } catch (IllegalArgumentException | IllegalStateException e) {
            cannotStart(null, StartupFailure.describe(e));
            return;
        }
        String failure;
        try {
            main.start();
            failure = main.lookup("startup", StartupLatch.class).await(Duration.ofMinutes(30));
        } catch (Exception e) {
            failure = StartupFailure.describe(e);
        }
        if (failure != null) {
            cannotStart(main, failure);
        }
        ManagementAddress.log(main.getCamelContext());
        if (arguments.once()) {
            System.exit(OnceRun.run(main, System.out));
        }
        main.run(arguments.rest().toArray(String[]::new));
    }

    /** One line, exit code 2; whatever had started is stopped first. */
    private static void cannotStart(Main main, String failure) {
        System.err.println("batch-routes: cannot start: " + failure);
        if (main != null) {
            main.stop();
            // When Camel fails while configuring itself (an option it cannot bind, such as camel.main.shutdownTimout),
            // its context never starts, and stopping it stops none of the services added to it: without this the
            // local profile's Azurite and emulator outlived the exit. A no-op once Camel has stopped them.
            LocalServices services = main.getCamelContext() == null ? null : main.getCamelContext().hasService(LocalServices.class);
            if (services != null) {
                services.close();
            }
        }
        System.exit(2);
    }
}
