package io.batchroutes.app;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.local.Waits;
import io.batchroutes.app.worktype.WorkTypes;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --once}: process what is in the input folder (and anything a previous run left in flight), wait for
 * every result, clean up, print a summary and tell by the exit code whether every file succeeded.
 */
final class OnceRun {

    private static final Logger LOG = LoggerFactory.getLogger(OnceRun.class);
    /** The component's own default: 1 s, 2 s, 4 s with jitter, Retry-After honoured. */
    private static final int CLEANUP_RETRIES = 3;

    private OnceRun() {
    }

    /** Runs the started daemon to completion and stops it; returns the process exit code. */
    static int run(Main main, PrintStream out) throws Exception {
        CamelContext context = main.getCamelContext();
        WorkTypes workTypes = context.getRegistry().lookupByNameAndType("workTypes", WorkTypes.class);
        InputFolder folder = context.getRegistry().lookupByNameAndType("inputFolder", InputFolder.class);
        Set<String> files = new TreeSet<>(supported(folder.root(), workTypes));
        files.addAll(supported(folder.root().resolve(InputFolder.PROCESSING), workTypes));
        LOG.info("One-shot run: {} file(s) to process", files.size());
        try {
            while (files.stream().anyMatch(name -> inFlight(folder, name))) {
                Waits.pause(Duration.ofMillis(200));
            }
        } finally {
            // Whatever happened, no job or pool is left running (and billing) after a one-shot run.
            try {
                cleanUp(context);
            } catch (RuntimeException e) {
                LOG.error("Cleanup after the one-shot run failed: {}", e.getMessage());
            }
            main.stop();
        }
        List<String> failed = files.stream().filter(name -> !Files.exists(folder.root().resolve(InputFolder.DONE).resolve(name))).toList();
        out.printf("Processed %d file(s): %d succeeded, %d failed%n", files.size(), files.size() - failed.size(), failed.size());
        for (String name : failed) {
            out.printf("  failed: %s (reason in %s)%n", name,
                    folder.reasonFile(name));
        }
        return failed.isEmpty() ? 0 : 1;
    }

    private static boolean inFlight(InputFolder folder, String name) {
        return Files.exists(folder.root().resolve(name)) || Files.exists(folder.processing(name));
    }

    /** Ends the job so that no pool is kept busy; the pool follows the cleanup policy. */
    private static void cleanUp(CamelContext context) {
        ProducerTemplate template = context.createProducerTemplate();
        String endpoint = "azure-batch:" + context.resolvePropertyPlaceholders("{{batchroutes.batch.job-id}}");
        // No route redelivers these two: the component's own retries are their one layer (the daemon's default is 0).
        String retried = "&maxRetries=" + CLEANUP_RETRIES;
        template.sendBody(endpoint + "?operation=deleteJob" + retried, null);
        if (Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{batchroutes.once.delete-pool:true}}"))) {
            template.sendBody(endpoint + "?operation=deletePool" + retried, null);
        }
    }

    private static List<String> supported(Path dir, WorkTypes workTypes) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && workTypes.forFile(n).isPresent()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
