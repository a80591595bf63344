package io.batchroutes.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The daemon's sub-packages depend on each other only as listed here, so each stays what its package-info says; the
 * application root ({@code io.batchroutes.app}) wires them all and nothing depends on it. Of the component and the
 * emulator, {@code app} uses only what they expose at their root: never {@code component.client},
 * {@code component.operations} or an emulator layer such as {@code emulator.node}. Checked on the sources: every
 * reference, in an import or fully qualified.
 */
class AppLayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/io/batchroutes/app");
    private static final String ROOT = "(root)";
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "worktype", Set.of(),
            "folder", Set.of("worktype"),
            "staging", Set.of("worktype"),
            "observe", Set.of(),
            "pool", Set.of("observe"),
            "batch", Set.of("worktype", "staging", "folder", "observe"),
            "outcome", Set.of("worktype", "folder", "staging", "observe", "pool"),
            "local", Set.of("worktype"),
            "status", Set.of("staging"),
            ROOT, Set.of("worktype", "folder", "staging", "observe", "pool", "batch", "outcome", "local", "status"));
    /** A reference to a class of app, the component or the emulator: group 1 the module, group 2 its sub-package. */
    private static final Pattern REFERENCE =
            Pattern.compile("\\bio\\.batchroutes\\.(app|component|emulator)(?:\\.([a-z]+))?\\.[A-Z]");

    @Test
    void subPackagesDependOnlyAsAllowed() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                checked++;
                Path dir = SOURCES.relativize(file).getParent();
                String layer = dir == null ? ROOT : dir.toString();
                assertThat(ALLOWED).as("every sub-package of app has rules: " + layer).containsKey(layer);
                violations.addAll(violations(SOURCES.relativize(file).toString(), layer, Files.readString(file)));
            }
        }
        assertThat(checked).as("source files checked").isGreaterThan(40);
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckCatchesForbiddenReferences() {
        String source = """
                import io.batchroutes.app.outcome.FileOutcomes;
                import io.batchroutes.component.client.BatchErrors;
                import io.batchroutes.component.AzureBatchConstants;
                import io.batchroutes.app.worktype.WorkType;
                var agent = new io.batchroutes.emulator.node.NodeAgent();
                var emulator = io.batchroutes.emulator.BatchEmulator.start(null);
                """;
        assertThat(violations("Example.java", "folder", source)).containsExactly(
                "Example.java uses io.batchroutes.app.outcome",
                "Example.java uses io.batchroutes.component.client",
                "Example.java uses io.batchroutes.emulator.node");
        assertThat(violations("Example.java", "worktype", "import io.batchroutes.app.BatchRoutesBeans;"))
                .containsExactly("Example.java uses io.batchroutes.app");
    }

    private static List<String> violations(String file, String layer, String source) {
        List<String> found = new ArrayList<>();
        Matcher m = REFERENCE.matcher(source);
        while (m.find()) {
            String module = m.group(1);
            String target = m.group(2);
            boolean allowed = module.equals("app")
                    ? (target == null ? layer.equals(ROOT) : target.equals(layer) || ALLOWED.get(layer).contains(target))
                    : target == null;
            if (!allowed) {
                found.add(file + " uses io.batchroutes." + module + (target == null ? "" : "." + target));
            }
        }
        return found;
    }
}
