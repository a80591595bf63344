package io.batchroutes.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.batchroutes.testsupport.Await;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bundling end to end, through the jar as a process on the embedded default, with a work type that takes several
 * files in one process ({@code nodes/bundled-test.sh}, which logs every file it does with the id of the task it ran
 * in). The pool has one slot, so files dropped together wait and share tasks; a lone file goes alone.
 */
class BundlesIT {

    /** The files of the twelve the command cannot do. */
    private static final Set<Integer> BAD = Set.of(5, 7, 9);
    /** The files of the next six that end the whole process. */
    private static final Set<Integer> CRASH = Set.of(3, 5);

    @TempDir
    Path home;

    /**
     * The daemon's settings for the test work type; {@code gate} is where the script logs its runs. {@code archived}:
     * the bundle command packs its files' outputs into one zip ({@code bundle.archive}) instead of leaving them to be
     * uploaded one by one.
     */
    static Map<String, String> bundledType(Path gate, boolean archived) {
        Path script = Path.of("src/test/resources/nodes/bundled-test.sh").toAbsolutePath();
        String run = "/bin/sh -c 'exec /bin/sh \"$AZ_BATCH_NODE_SHARED_DIR/bundled-test.sh\" \"$@\"' bundled ";
        Map<String, String> settings = new HashMap<>();
        settings.put("batchroutes.work-types", "bundled");
        settings.put("batchroutes.work-type.bundled.extensions", "dat");
        settings.put("batchroutes.work-type.bundled.command", run + "single " + gate + " {input} result.txt");
        if (archived) {
            settings.put("batchroutes.work-type.bundled.bundle.command",
                    run + "bundle-archive " + gate + " {input} result.txt {archive} {dirs}");
            settings.put("batchroutes.work-type.bundled.bundle.archive", "packed.zip");
        } else {
            settings.put("batchroutes.work-type.bundled.bundle.command", run + "bundle " + gate + " {input} result.txt {dirs}");
        }
        settings.put("batchroutes.work-type.bundled.bundle.max-files", "5");
        settings.put("batchroutes.work-type.bundled.outputs", "result.txt");
        settings.put("batchroutes.work-type.bundled.output-name", "{stem}.out");
        settings.put("batchroutes.work-type.bundled.requires", "sh");
        settings.put("batchroutes.work-type.bundled.node-files", script.toString());
        settings.put("batchroutes.batch.task-slots-per-node", "1");
        return settings;
    }

    /** Each line of the runs log: task id, then the file's first line. */
    static Map<String, Set<String>> tasksPerFile(Path gate) throws IOException {
        Path runs = Path.of(gate + ".runs");
        if (!Files.exists(runs)) {
            return Map.of();
        }
        return Files.readAllLines(runs).stream().map(l -> l.split(" ", 2))
                .collect(Collectors.groupingBy(p -> p[1], Collectors.mapping(p -> p[0], Collectors.toSet())));
    }

    @ParameterizedTest(name = "archived: {0}")
    @ValueSource(booleans = {false, true})
    void waitingFilesShareTasksEachKeepsItsOwnOutcomeAndABrokenBundleIsRunFileByFile(boolean archived) throws Exception {
        Path gate = home.resolve("gate");
        try (JarDaemon daemon = JarDaemon.start(home, "bundles", Map.of(), bundledType(gate, archived))) {
            // A lone file on an idle pool is never held back: it runs in a task of its own.
            daemon.drop("lone.dat", "lone file\n");
            Await.until("lone.dat done", Duration.ofMinutes(2), () -> Files.exists(daemon.done("lone.dat")));
            assertThat(tasksPerFile(gate).get("lone file")).singleElement().asString().startsWith("f-");

            // Twelve at once onto one slot: they wait, so they share tasks; one of them the command cannot do.
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String name = "many-" + i + ".dat";
                names.add(name);
                daemon.drop(name, (BAD.contains(i) ? "BAD " : "file ") + i + "\nsecond line\n");
            }
            Await.until("12 files ended", Duration.ofMinutes(2), () -> names.stream()
                    .allMatch(n -> Files.exists(daemon.done(n)) || Files.exists(daemon.failed(n))));
            assertThat(daemon.count("Bundled ")).as("bundles formed").isPositive();
            for (int i = 0; i < 12; i++) {
                if (BAD.contains(i)) {
                    continue;
                }
                assertThat(Files.readString(daemon.output.resolve("many-" + i + ".out"))).isEqualTo("FILE " + i + "\nSECOND LINE\n");
                assertThat(tasksPerFile(gate).get("file " + i)).as("file %d ran once, in one task", i).hasSize(1);
            }
            Map<String, Set<String>> runs = tasksPerFile(gate);
            assertThat(runs.entrySet().stream().filter(e -> e.getKey().startsWith("file "))
                    .flatMap(e -> e.getValue().stream()).filter(id -> id.startsWith("b-")).count())
                    .as("files that ran in bundles").isGreaterThanOrEqualTo(2);
            // The ones it could not do fail alone, with the reason the command gave, and nothing of them comes back;
            // in a bundle (most of them: only a file that arrives on its own goes alone) the reason says so.
            int inBundles = 0;
            for (int i : BAD) {
                assertThat(daemon.failed("many-" + i + ".dat")).exists();
                String reason = Files.readString(daemon.reason("many-" + i + ".dat"));
                assertThat(reason).contains("cannot do BAD " + i);
                if (reason.contains("The file failed in its bundle.")) {
                    assertThat(reason).contains("run in bundle b-");
                    inBundles++;
                }
                assertThat(daemon.output.resolve("many-" + i + ".out")).doesNotExist();
            }
            assertThat(inBundles).as("files failed inside a bundle").isPositive();

            // A file that ends the whole process: the bundle fails as a whole, its files run again one by one, and
            // only the ones that broke it fail (with their own stderr).
            List<String> second = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = "again-" + i + ".dat";
                second.add(name);
                daemon.drop(name, (CRASH.contains(i) ? "CRASH " : "again ") + i + "\n");
            }
            Await.until("6 more files ended", Duration.ofMinutes(2), () -> second.stream()
                    .allMatch(n -> Files.exists(daemon.done(n)) || Files.exists(daemon.failed(n))));
            for (int i = 0; i < 6; i++) {
                if (!CRASH.contains(i)) {
                    assertThat(Files.readString(daemon.output.resolve("again-" + i + ".out"))).isEqualTo("AGAIN " + i + "\n");
                }
            }
            for (int i : CRASH) {
                assertThat(daemon.failed("again-" + i + ".dat")).exists();
                assertThat(Files.readString(daemon.reason("again-" + i + ".dat"))).contains("exit code: 3")
                        .contains("crashed on purpose");
            }
            assertThat(daemon.count("failed as a whole")).isPositive();
            assertThat(listNames(daemon.input.resolve("processing"))).isEmpty();
            // A bundle's manifest goes once its last file was collected, a moment after that file ended.
            Await.until("the manifests of finished bundles deleted", Duration.ofSeconds(30),
                    () -> listNames(daemon.input.resolve("processing/.bundles")), List::isEmpty);
        }
    }

    static List<String> listNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
        }
    }
}
