package io.batchroutes.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.util.IOHelper;
import org.apache.camel.util.StringHelper;

/**
 * Which configuration key an environment variable sets.
 * <p>
 * A key's variables are the names Camel's own placeholder lookup tries ({@code IOHelper.lookupEnvironmentVariable}):
 * the key in upper case, and in upper case with {@code .}, {@code -} and camelCase humps as {@code _}
 * ({@code batchroutes.input-dir} → {@code BATCHROUTES_INPUT_DIR}, {@code camel.main.shutdownTimeout} →
 * {@code CAMEL_MAIN_SHUTDOWN_TIMEOUT}). The mapping runs from key to variable because the other way is ambiguous
 * ({@code _} may stand for {@code .}, {@code -} or itself), so the candidate keys must be known: those the
 * configuration files and {@code -D} name, each listed work type's keys, and every Camel Main option (from
 * camel-main's own metadata). {@code CAMEL_COMPONENT_<NAME>_<OPTION>} (and dataformat, language) are resolved by
 * the names of the components on the class path, longest name first.
 * <p>
 * Written here rather than left to Camel Main because in Camel 4.18 its environment handling skips every variable
 * ending in {@code _PORT} (taken for Kubernetes service links, so {@code CAMEL_MANAGEMENT_PORT} is ignored), never
 * matches {@code CAMEL_COMPONENT_*} (an upper-case name is compared with a lower-case prefix), and lets {@code -D}
 * win over the environment for some options and lose for others.
 */
final class EnvironmentKeys {

    /** What the environment sets: key → value, and which variables were used. */
    record Resolved(Map<String, String> values, Set<String> variables) {
    }

    private static final List<String> NAMED_GROUPS = List.of("component", "dataformat", "language");
    private static final String CAMEL_MAIN_METADATA = "META-INF/camel-main-configuration-metadata.json";
    private static volatile List<String> camelMainOptions;

    private EnvironmentKeys() {
    }

    /** The variable names that set {@code key}, most specific first. */
    static Set<String> variables(String key) {
        Set<String> names = new LinkedHashSet<>();
        names.add(key.toUpperCase(Locale.ROOT));
        names.add(IOHelper.normalizeEnvironmentVariable(key));
        names.add(IOHelper.normalizeEnvironmentVariable(StringHelper.camelCaseToDash(key)));
        return names;
    }

    /** The conventional variable for {@code key}: upper case, {@code _} for {@code .} and {@code -}. */
    static String variable(String key) {
        return IOHelper.normalizeEnvironmentVariable(StringHelper.camelCaseToDash(key));
    }

    /** Whether a variable may configure this daemon (and so is looked at at all). */
    static boolean isConfigurationVariable(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("BATCHROUTES") || upper.startsWith("CAMEL");
    }

    /** The keys {@code environment} sets among {@code candidates} (the first candidate a variable names wins). */
    static Resolved resolve(Map<String, String> environment, Collection<String> candidates) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        List<String> all = new ArrayList<>(candidates);
        all.addAll(camelMainOptions());
        for (String key : all) {
            for (String name : variables(key)) {
                String value = environment.get(name);
                if (value != null && !used.contains(name) && !values.containsKey(key)) {
                    values.put(key, value);
                    used.add(name);
                    break;
                }
            }
        }
        for (Map.Entry<String, String> entry : environment.entrySet()) {
            if (!used.contains(entry.getKey())) {
                namedOption(entry.getKey()).ifPresent(key -> {
                    values.putIfAbsent(key, entry.getValue());
                    used.add(entry.getKey());
                });
            }
        }
        return new Resolved(values, used);
    }

    /**
     * {@code CAMEL_COMPONENT_AZURE_STORAGE_BLOB_SAS_TOKEN} → {@code camel.component.azure-storage-blob.sas-token}:
     * the longest prefix that names a component (dataformat, language) on the class path is its name.
     */
    static Optional<String> namedOption(String variable) {
        for (String group : NAMED_GROUPS) {
            String prefix = "CAMEL_" + group.toUpperCase(Locale.ROOT) + "_";
            if (!variable.startsWith(prefix)) {
                continue;
            }
            String[] words = variable.substring(prefix.length()).toLowerCase(Locale.ROOT).split("_");
            for (int nameWords = words.length - 1; nameWords >= 1; nameWords--) {
                String name = String.join("-", Arrays.copyOfRange(words, 0, nameWords));
                String service = "META-INF/services/org/apache/camel/" + group + "/" + name;
                if (EnvironmentKeys.class.getClassLoader().getResource(service) != null) {
                    return Optional.of("camel." + group + "." + name + "."
                            + String.join("-", Arrays.copyOfRange(words, nameWords, words.length)));
                }
            }
        }
        return Optional.empty();
    }

    /** Every option Camel Main binds ({@code camel.main.*}, {@code camel.management.*}, ...), from its metadata. */
    static List<String> camelMainOptions() {
        List<String> options = camelMainOptions;
        if (options == null) {
            try (InputStream in = EnvironmentKeys.class.getClassLoader().getResourceAsStream(CAMEL_MAIN_METADATA)) {
                List<String> names = new ArrayList<>();
                if (in != null) {
                    for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                        names.add(property.path("name").asText());
                    }
                }
                options = List.copyOf(names);
                camelMainOptions = options;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return options;
    }
}
