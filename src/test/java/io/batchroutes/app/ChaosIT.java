package io.batchroutes.app;

import io.batchroutes.testsupport.Drops;
import io.batchroutes.testsupport.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost, nothing twice: the real jar is killed with SIGKILL at random moments while files flow, restarted
 * on the same folders and data (Azurite's and the emulator's state survive), with the emulator answering a share
 * of requests with 503. In the end every file has exactly one outcome, and it is the right result, and of the jobs
 * (rotating every two tasks, and at each start) only the newest is left.
 * Size: {@code -Dchaos.files=300 -Dchaos.kills=6} for a larger run (defaults suit CI).
 */
class ChaosIT {

    private static final int FILES = Integer.getInteger("chaos.files", 60);
    private static final int KILLS = Integer.getInteger("chaos.kills", 3);
    private static final int TASKS_PER_JOB = 2;

    @TempDir
    Path home;

    @Test
    void everyFileEndsExactlyOnceWithTheRightResult() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        Random random = new Random(seed);
        Path input = Files.createDirectories(home.resolve("InputFiles"));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < FILES; i++) {
            names.add("file-" + i + ".txt");
        }
        int dropped = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Process daemon = start();
            int batch = Math.min(FILES - dropped, FILES / KILLS + 1);
            for (int i = dropped; i < dropped + batch; i++) {
                drop(input, names.get(i), i);
            }
            dropped += batch;
            int started = kill + 1;
            try {
                Await.until("daemon start " + started, Duration.ofSeconds(90), () -> readyCount() >= started);
            } catch (AssertionError e) {
                daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                keepLog();
                throw new AssertionError(e.getMessage() + " (seed " + seed + "; log kept as chaos-daemon.log)", e);
            }
            // A random moment while files are being staged, submitted, run or collected.
            daemon.waitFor(random.nextInt(3_000), TimeUnit.MILLISECONDS);
            daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (int i = dropped; i < FILES; i++) {
            drop(input, names.get(i), i);
        }
        Process last = start();
        try {
            // The earlier daemons may have finished every file already: wait for this one to be up all the same.
            Await.until("daemon start " + (KILLS + 1), Duration.ofSeconds(90), () -> readyCount() >= KILLS + 1);
            Await.until("every file settled (seed " + seed + ")", Duration.ofMinutes(4), () -> names.stream()
                    .allMatch(n -> Files.exists(input.resolve("done").resolve(n)) || Files.exists(input.resolve("failed").resolve(n))));
            // Every older job, of this run or found at a restart, is deleted once its tasks were all collected.
            var batch = RunningDaemon.batchClient(home.resolve(".batch-routes"));
            Await.until("only the newest job left (seed " + seed + ")", Duration.ofSeconds(60), () -> familyJobs(batch).size() == 1);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; still in InputFiles: " + listNames(input) + ", in processing: "
                    + listNames(input.resolve("processing")), e);
        } finally {
            last.destroy();
            last.waitFor(60, TimeUnit.SECONDS);
            keepLog();
        }
        assertThat(readyCount()).as("the daemon started %d times", KILLS + 1).isEqualTo(KILLS + 1);

        assertThat(listNames(input.resolve("failed"))).as("seed " + seed).isEmpty();
        assertThat(listNames(input.resolve("processing"))).as("seed " + seed).isEmpty();
        assertThat(listNames(input)).as("nothing left unprocessed, seed " + seed).isEmpty();
        assertThat(listNames(input.resolve("done"))).containsExactlyInAnyOrderElementsOf(names);
        List<String> results = listNames(home.resolve("OutputFiles"));
        assertThat(results).hasSize(FILES);
        for (int i = 0; i < FILES; i++) {
            assertThat(Files.readString(home.resolve("OutputFiles/file-" + i + "_OUTPUT.txt"))).as("file-" + i + ", seed " + seed)
                    .isEqualTo(expected(i));
        }
    }

    /** The daemons' output beside the jar, for a look after the build. */
    private void keepLog() throws IOException {
        Path jar = Path.of(System.getProperty("batchroutes.jar", "target/batch-routes.jar"));
        Files.copy(home.resolve("daemon.log"), jar.resolveSibling("chaos-daemon.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** alpha more often than beta more often than gamma, by amounts that differ per file. */
    private static void drop(Path input, String name, int i) throws IOException {
        Drops.drop(input, name, "alpha ".repeat(i + 3) + "beta ".repeat(i + 2) + "gamma ".repeat(i + 1) + "\n");
    }

    private static String expected(int i) {
        return "alpha " + (i + 3) + "\nbeta " + (i + 2) + "\ngamma " + (i + 1) + "\n";
    }

    private int readyCount() {
        try {
            String log = Files.readString(home.resolve("daemon.log"), java.nio.charset.StandardCharsets.ISO_8859_1);
            return log.split("ready; watching", -1).length - 1;
        } catch (IOException e) {
            return 0;
        }
    }

    private Process start() throws IOException {
        // Small jobs: the job rotates several times while daemons are killed, so restarts find older jobs to drain.
        ProcessBuilder builder = new ProcessBuilder(TheJar.command(List.of("-Dbatchroutes.batch.tasks-per-job=" + TASKS_PER_JOB)))
                .directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon.log").toFile()));
        builder.environment().put("BATCH_EMULATOR_FAULT_RATE", "0.05");
        return builder.start();
    }

    private static List<String> familyJobs(com.microsoft.azure.batch.BatchClient batch) {
        try {
            return batch.jobOperations().listJobs().stream().map(job -> job.id())
                    .filter(id -> id.startsWith("batchroutes-job")).toList();
        } catch (IOException | RuntimeException e) {
            // The emulator answers a share of requests with 503 here: asked again on the next round.
            return List.of("unreadable", e.toString());
        }
    }

    private static List<String> listNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).toList();
        }
    }
}
