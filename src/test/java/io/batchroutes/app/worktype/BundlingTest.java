package io.batchroutes.app.worktype;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundlingTest {

    private static WorkType type(List<String> outputs, List<String> bundleCommand) {
        return new WorkType("t", Set.of("txt"), List.of(), List.of("run", "{input}"), outputs, "{stem}.out", List.of(),
                List.of(), WorkType.Limits.DEFAULT, new Bundling(bundleCommand, 10, 1000));
    }

    @Test
    void dirsBecomeOneArgumentPerFolderAndInputTheStagedName() {
        WorkType type = type(List.of("result.txt"), List.of("run", "--in-dirs", "{input}", "result.txt", "{dirs}"));
        assertThat(type.bundles()).isTrue();
        assertThat(type.bundleArgv("txt", List.of("0", "1", "2")))
                .containsExactly("run", "--in-dirs", "input.txt", "result.txt", "0", "1", "2");
    }

    @Test
    void aBundleCommandWithoutDirsIsRefused() {
        assertThatThrownBy(() -> type(List.of("result.txt"), List.of("run", "{input}")))
                .hasMessageContaining("bundle.command needs {dirs}");
    }

    @Test
    void bundledOutputsMustBeLiteralFileNamesOfTheirOwn() {
        for (String output : List.of("../stdout.txt", "*.txt", "sub/result.txt", "reason.txt")) {
            assertThatThrownBy(() -> type(List.of(output), List.of("run", "{dirs}"))).as(output)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'t'");
        }
    }

    @Test
    void inputInsideAScriptOfTheBundleCommandIsRefused() {
        assertThatThrownBy(() -> type(List.of("r"), List.of("/bin/sh", "-c", "x {input}", "{dirs}")))
                .hasMessageContaining("would be run as code");
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> new Bundling(List.of("x", "{dirs}"), 1, 10)).hasMessageContaining("max-files");
        assertThatThrownBy(() -> new Bundling(List.of("x", "{dirs}"), 101, 10)).hasMessageContaining("max-files");
    }

    @Test
    void readFromProperties() {
        Map<String, String> p = Map.of("batchroutes.work-types", "t",
                "batchroutes.work-type.t.extensions", "txt",
                "batchroutes.work-type.t.command", "run {input}",
                "batchroutes.work-type.t.outputs", "r.txt",
                "batchroutes.work-type.t.output-name", "{stem}.out",
                "batchroutes.work-type.t.bundle.command", "run --many {input} {dirs}",
                "batchroutes.work-type.t.bundle.max-files", "7",
                "batchroutes.work-type.t.bundle.max-bytes", "4096");
        WorkType t = WorkTypes.fromProperties(k -> Optional.ofNullable(p.get(k))).byName("t");
        assertThat(t.bundle()).isEqualTo(new Bundling(List.of("run", "--many", "{input}", "{dirs}"), 7, 4096));
        Map<String, String> none = Map.of("batchroutes.work-types", "t", "batchroutes.work-type.t.extensions", "txt",
                "batchroutes.work-type.t.command", "run {input}", "batchroutes.work-type.t.outputs", "../stdout.txt",
                "batchroutes.work-type.t.output-name", "{stem}.out");
        assertThat(WorkTypes.fromProperties(k -> Optional.ofNullable(none.get(k))).byName("t").bundles()).isFalse();
    }

    @Test
    void anArchiveIsNamedInTheCommandAndReadFromProperties() {
        Map<String, String> p = Map.of("batchroutes.work-types", "t",
                "batchroutes.work-type.t.extensions", "txt",
                "batchroutes.work-type.t.command", "run {input}",
                "batchroutes.work-type.t.outputs", "r.txt",
                "batchroutes.work-type.t.output-name", "{stem}.out",
                "batchroutes.work-type.t.bundle.command", "run --many {input} --pack {archive} {dirs}",
                "batchroutes.work-type.t.bundle.archive", "packed.zip");
        WorkType t = WorkTypes.fromProperties(k -> Optional.ofNullable(p.get(k))).byName("t");
        assertThat(t.bundle().archived()).isTrue();
        assertThat(t.bundleArgv("txt", List.of("0", "1")))
                .containsExactly("run", "--many", "input.txt", "--pack", "packed.zip", "0", "1");
    }

    @Test
    void anArchiveMustBeAPlainNameOfItsOwn() {
        assertThatThrownBy(() -> new Bundling(List.of("x", "{dirs}"), 2, 10, "../up.zip")).hasMessageContaining("bundle.archive");
        assertThatThrownBy(() -> new Bundling(List.of("x", "{dirs}"), 2, 10, "reason.txt")).hasMessageContaining("bundle.archive");
        assertThatThrownBy(() -> new Bundling(List.of("x", "{dirs}"), 2, 10, "0")).hasMessageContaining("ending in .zip");
        assertThatThrownBy(() -> new WorkType("t", Set.of("txt"), List.of(), List.of("run", "{input}"), List.of("r.zip"),
                "{stem}.out", List.of(), List.of(), WorkType.Limits.DEFAULT, new Bundling(List.of("x", "{archive}", "{dirs}"), 2, 10, "r.zip")))
                .hasMessageContaining("also an output");
        // An archive the command is not told of would never be written.
        assertThatThrownBy(() -> new WorkType("t", Set.of("txt"), List.of(), List.of("run", "{input}"), List.of("r.txt"),
                "{stem}.out", List.of(), List.of(), WorkType.Limits.DEFAULT, new Bundling(List.of("x", "{dirs}"), 2, 10, "r.zip")))
                .hasMessageContaining("must name it with {archive}");
        // {archive} means nothing without one.
        assertThatThrownBy(() -> type(List.of("result.txt"), List.of("run", "{archive}", "{dirs}")))
                .hasMessageContaining("unknown placeholder {archive}");
    }
}
