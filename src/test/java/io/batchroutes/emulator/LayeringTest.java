package io.batchroutes.emulator;

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
 * The emulator's layers talk one way: http → handler → service → store, with node (the node agent) used by the
 * service only, and model shared by all. Checked on the sources: every reference to another emulator package, in an
 * import or fully qualified, must be allowed here.
 */
class LayeringTest {
    private static final String BASE = "io.batchroutes.emulator";
    private static final Path SOURCES = Path.of("src/main/java/io/batchroutes/emulator");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "http", Set.of("handler", "service", "model"),
            "handler", Set.of("service", "model"),
            "service", Set.of("store", "node", "model"),
            "store", Set.of("model"),
            "node", Set.of("model"),
            "model", Set.of(),
            // The JUnit extension sees the emulator only through its root API (BatchEmulator, EmulatorSettings).
            "junit", Set.of("(root)"));
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.batchroutes\\.emulator(?:\\.([a-z]+))?\\.[A-Z]");

    @Test
    void packagesDependOnlyDownwards() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Set<String>> layer : ALLOWED.entrySet()) {
            Path dir = SOURCES.resolve(layer.getKey());
            assertThat(dir).isDirectory();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    checked++;
                    Matcher m = REFERENCE.matcher(Files.readString(file));
                    while (m.find()) {
                        String target = m.group(1) == null ? "(root)" : m.group(1);
                        if (!target.equals(layer.getKey()) && !layer.getValue().contains(target)) {
                            violations.add(SOURCES.relativize(file) + " uses " + BASE + "." + target);
                        }
                    }
                }
            }
        }
        assertThat(checked).as("source files checked").isGreaterThan(30);
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckCatchesAForbiddenReference() {
        Matcher m = REFERENCE.matcher("import io.batchroutes.emulator.http.Router;\nnew io.batchroutes.emulator.BatchEmulator");
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1) == null ? "(root)" : m.group(1));
        }
        assertThat(found).containsExactly("http", "(root)");
    }
}
