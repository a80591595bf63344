package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, findings 2, 3, 6 (re-scan) and 15, through the daemon: names read back from Batch never become paths;
 * state folders that are links are refused and moves never replace a file; a collection that gave up is picked up
 * again without a restart; a failure reason reads only the end of stderr.
 */
class ReadBackAndFoldersIT {

    @TempDir
    Path home;

    private static final Map<String, String> FAILING_TYPE = Map.of(
            "batchroutes.work-types", "topwords,fails",
            "batchroutes.work-type.fails.extensions", "fail",
            // 1 MiB of stderr, then its last words; exit 1.
            "batchroutes.work-type.fails.command",
            "/bin/sh -c 'head -c 1048576 /dev/zero | tr \"\\\\0\" x >&2; echo; echo LAST WORDS >&2; exit 1' fails {input}",
            "batchroutes.work-type.fails.outputs", "result.txt",
            "batchroutes.work-type.fails.output-name", "{stem}.out",
            "batchroutes.work-type.fails.requires", "head",
            "batchroutes.collect.retries", "1",
            "batchroutes.collect.rescan-millis", "1000");

    @Test
    void hostileNamesFromBatchWriteNothingAndFaultsHealInPlace() throws Exception {
        Path inside = Files.createDirectories(home.resolve("a/b/c"));
        try (RunningDaemon daemon = RunningDaemon.start(inside, FAILING_TYPE)) {
            // Finding 2: someone with the account key adds tasks whose display names climb out of the folders.
            BatchClient batch = RunningDaemon.batchClient(inside.resolve(".batch-routes"));
            daemon.drop("warm.txt", "warm words\n");
            Await.until("the job exists and works", Duration.ofSeconds(90), () -> Files.exists(daemon.done("warm.txt")));
            // The newest job of the rotating family batchroutes-job: the one the daemon adds to and watches.
            String job = daemon.context().createProducerTemplate()
                    .requestBody("azure-batch:batchroutes-job?operation=getJob", null, CloudJob.class).id();
            for (String hostile : List.of("../../../pwn.txt", "../../pwn.fail", "sub/dir.txt", "..")) {
                batch.taskOperations().createTask(job, new TaskAddParameter()
                        .withId("h-" + Integer.toHexString(hostile.hashCode())).withDisplayName(hostile)
                        .withCommandLine("/bin/sh -c 'echo hostile >&2; exit 1'"));
            }
            // A forged one: its id is the one the daemon would give a file named "../done/warm.txt" of that size and
            // time, so it looks pending unless the name itself is refused; collecting it would take done/warm.txt.
            Path doneWarm = daemon.done("warm.txt");
            batch.taskOperations().createTask(job, new TaskAddParameter()
                    .withId(io.batchroutes.app.batch.TaskIdentity.taskId("../done/warm.txt", Files.size(doneWarm),
                            Files.getLastModifiedTime(doneWarm).toMillis()))
                    .withDisplayName("../done/warm.txt").withCommandLine("/bin/sh -c 'echo forged >&2; exit 1'"));
            // Finding 15: the reason holds the end of a 1 MiB stderr, read as a range.
            daemon.drop("noisy.fail", "x\n");
            Await.until("noisy.fail failed", Duration.ofSeconds(60), () -> Files.exists(daemon.reason("noisy.fail")));
            String reason = Files.readString(daemon.reason("noisy.fail"));
            assertThat(reason).contains("exit code: 1").contains("LAST WORDS").hasSizeLessThan(6000);
            assertThat(daemon.context().getEndpoints()).extracting(org.apache.camel.Endpoint::getEndpointUri)
                    .as("stderr is read as a range of its last 4 KiB").anyMatch(uri -> uri.contains("getTaskFile")
                            && uri.contains("fileOffset=-4096"));
            Await.until("the hostile tasks completed", Duration.ofSeconds(60), () -> {
                try {
                    return batch.taskOperations().listTasks(job).stream()
                            .filter(t -> t.id().startsWith("h-") || "../done/warm.txt".equals(t.displayName()))
                            .allMatch(t -> t.state().toString().equals("completed"));
                } catch (java.io.IOException e) {
                    return false;
                }
            });

            // Finding 6, re-scan: the output folder is unusable (a plain file) while a result arrives: collecting
            // gives up; once it is a folder again the re-scan collects it, no restart.
            Files.move(daemon.output, home.resolve("OutputFiles.away"));
            Files.writeString(daemon.output, "not a folder");
            daemon.drop("later.txt", "later words words\n");
            Await.until("collecting gave up", Duration.ofSeconds(60), () -> Files.exists(daemon.input.resolve("processing/later.txt"))
                    && daemon.context().getRegistry().lookupByNameAndType("collectionRescan",
                            io.batchroutes.app.batch.CollectionRescan.class).waitingCount() > 0);
            Files.delete(daemon.output);
            Files.move(home.resolve("OutputFiles.away"), daemon.output);
            Await.until("later.txt collected by the re-scan", Duration.ofSeconds(60), () -> Files.exists(daemon.done("later.txt")));
            assertThat(Files.readString(daemon.output.resolve("later_OUTPUT.txt"))).isEqualTo("words 2\nlater 1\n");
            assertThat(doneWarm).as("the forged task took nothing").hasContent("warm words");

            // Finding 3: done/ replaced by a link while running: the file fails with the reason, nothing lands there.
            Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
            Files.writeString(elsewhere.resolve("linked.txt"), "precious\n");
            Path done = daemon.input.resolve("done");
            Files.move(done, home.resolve("done.away"));
            Files.createSymbolicLink(done, elsewhere);
            daemon.drop("linked.txt", "linked words\n");
            Await.until("linked.txt failed", Duration.ofSeconds(60), () -> Files.exists(daemon.reason("linked.txt")));
            assertThat(Files.readString(daemon.reason("linked.txt"))).contains("done").contains("is a symbolic link");
            assertThat(Files.readString(elsewhere.resolve("linked.txt"))).isEqualTo("precious\n");
            assertThat(daemon.failed("linked.txt")).exists();
            Files.delete(done);
            Files.move(home.resolve("done.away"), done);

            // A name clash in done/ keeps both: the earlier done/warm.txt is not replaced.
            daemon.drop("warm.txt", "warm words again\n");
            Await.until("the second warm.txt done", Duration.ofSeconds(60), () -> Files.exists(done.resolve("warm~1.txt")));
            assertThat(Files.readString(done.resolve("warm.txt"))).isEqualTo("warm words\n");
            assertThat(Files.readString(done.resolve("warm~1.txt"))).isEqualTo("warm words again\n");
        }
        // Nothing named pwn anywhere above or below the folders; no reason for the hostile names.
        try (Stream<Path> all = Files.walk(home)) {
            assertThat(all.filter(p -> p.getFileName().toString().contains("pwn"))).isEmpty();
        }
        try (Stream<Path> failed = Files.list(inside.resolve("InputFiles/failed"))) {
            assertThat(failed.map(p -> p.getFileName().toString())).allMatch(n -> n.startsWith("noisy") || n.startsWith("linked"));
        }
    }

    @Test
    void aStateFolderThatIsALinkStopsTheStart() throws Exception {
        Path input = Files.createDirectories(home.resolve("InputFiles"));
        Files.writeString(input.resolve("waiting.txt"), "untouched");
        Files.createSymbolicLink(input.resolve("done"), Files.createDirectories(home.resolve("elsewhere")));

        TheJar.Result result = TheJar.run(home, Map.of(), List.of());

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output().lines().filter(l -> l.startsWith("batch-routes: cannot start: ")))
                .singleElement().asString().contains("InputFiles/done is a symbolic link");
        assertThat(Files.readString(input.resolve("waiting.txt"))).isEqualTo("untouched");
    }
}
