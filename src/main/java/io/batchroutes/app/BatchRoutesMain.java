package io.batchroutes.app;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.batchroutes.emulator.EmulatorCommand;
import io.batchroutes.emulator.EmulatorProcesses;
import org.apache.camel.main.Main;

/**
 * {@code java -jar batch-routes.jar} runs the daemon (the embedded default unless configured otherwise);
 * {@code --once} processes what is in the input folder and exits; {@code emulator [...]} runs only the Batch emulator.
 */
public final class BatchRoutesMain {

    private BatchRoutesMain() {
    }

    public static void main(String[] args) throws Exception {
        EmulatorProcesses.preferFastProcessLaunch();
        if (args.length > 0 && args[0].equals("emulator")) {
            EmulatorCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        List<String> rest = Arrays.stream(args).filter(a -> !a.equals("--once")).toList();
        Main main = Daemon.create(Map.of());
        String failure;
        try {
            main.start();
            failure = main.lookup("startup", StartupLatch.class).await(Duration.ofMinutes(30));
        } catch (Exception e) {
            failure = StartupFailure.describe(e);
        }
        if (failure != null) {
            System.err.println("batch-routes: cannot start: " + failure);
            main.stop();
            System.exit(2);
        }
        if (rest.size() < args.length) {
            System.exit(OnceRun.run(main, System.out));
        }
        main.run(rest.toArray(String[]::new));
    }
}
