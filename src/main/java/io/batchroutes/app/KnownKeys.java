package io.batchroutes.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import io.batchroutes.app.worktype.WorkType;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The {@code batchroutes.*} keys this daemon knows: every key the packaged {@code application.properties} names
 * (so that file documents them all), and for any work type name {@code batchroutes.work-type.<name>.<key>} with a
 * key of {@link WorkType#KEYS}. A key set anywhere else is a typo that would be silently ignored, so the daemon
 * refuses to start and names the nearest known key.
 */
final class KnownKeys {

    private static final String PREFIX = "batchroutes.";
    private static final String VARIABLE_PREFIX = EnvironmentKeys.variable(PREFIX);
    private static final String WORK_TYPE_VARIABLE_PREFIX = EnvironmentKeys.variable(WorkType.KEY_PREFIX);
    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private final Set<String> packaged = new LinkedHashSet<>();
    private final Set<String> packagedVariables = new LinkedHashSet<>();

    KnownKeys(Properties packagedDefaults) {
        packagedDefaults.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX)).sorted().forEach(packaged::add);
        packaged.forEach(key -> packagedVariables.addAll(EnvironmentKeys.variables(key)));
    }

    /**
     * One problem per unknown key: in the files (but the packaged one), the {@code -D} settings, the environment,
     * then {@code overrides} (a test's). Each says where the key was and the nearest known key.
     */
    List<String> problems(ConfigurationSources sources, Map<String, String> overrides) {
        List<String> problems = new ArrayList<>();
        for (ConfigurationFile file : sources.files().subList(1, sources.files().size())) {
            file.properties().stringPropertyNames().stream().sorted().forEach(key -> {
                if (key.equals(ConfigurationSources.CONFIG_KEY)) {
                    problems.add(key + " in " + file.location() + ": a file cannot name another; give it as "
                            + ConfigurationSources.CONFIG_OPTION + " FILE or " + ConfigurationSources.CONFIG_VARIABLE);
                } else if (key.startsWith(PREFIX) && !isKnown(key)) {
                    problems.add("unknown key " + key + " in " + file.location() + " (did you mean " + nearest(key) + "?)");
                }
            });
        }
        sources.systemProperties().keySet().stream().filter(k -> k.startsWith(PREFIX) && !isKnown(k))
                .forEach(key -> problems.add("unknown key -D" + key + " (did you mean " + nearest(key) + "?)"));
        sources.environment().keySet().stream().filter(v -> v.toUpperCase(Locale.ROOT).startsWith("BATCHROUTES") && !isKnownVariable(v))
                .forEach(v -> problems.add("unknown key in environment variable " + v + " (did you mean " + nearestVariable(v) + "?)"));
        overrides.keySet().stream().sorted().filter(k -> k.startsWith(PREFIX) && !isKnown(k))
                .forEach(key -> problems.add("unknown key " + key + " in the overrides (did you mean " + nearest(key) + "?)"));
        return problems;
    }

    boolean isKnown(String key) {
        if (packaged.contains(key)) {
            return true;
        }
        if (!key.startsWith(WorkType.KEY_PREFIX)) {
            return false;
        }
        String rest = key.substring(WorkType.KEY_PREFIX.length());
        int dot = rest.indexOf('.');
        return dot > 0 && WorkType.KEYS.contains(rest.substring(dot + 1));
    }

    boolean isKnownVariable(String variable) {
        if (variable.contains(".")) {
            return isKnown(variable.toLowerCase(Locale.ROOT));
        }
        if (packagedVariables.contains(variable)) {
            return true;
        }
        if (!variable.startsWith(WORK_TYPE_VARIABLE_PREFIX)) {
            return false;
        }
        String rest = variable.substring(WORK_TYPE_VARIABLE_PREFIX.length());
        return WorkType.KEYS.stream().map(EnvironmentKeys::variable)
                .anyMatch(key -> rest.endsWith("_" + key) && rest.length() > key.length() + 1);
    }

    /** The known key nearest to {@code key} (edit distance), guessing a work type's name where there may be one. */
    String nearest(String key) {
        List<String> candidates = new ArrayList<>(packaged);
        String[] parts = key.split("\\.");
        if (parts.length >= 4) {
            candidates.addAll(WorkType.keysOf(parts[parts.length - 2]));
        }
        if (key.startsWith(WorkType.KEY_PREFIX) && parts.length >= 3) {
            String rest = key.substring(WorkType.KEY_PREFIX.length());
            candidates.addAll(WorkType.keysOf(rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest));
        }
        return closest(key, candidates.stream());
    }

    /** The same for an environment variable: the nearest variable a known key has. */
    String nearestVariable(String variable) {
        List<String> candidates = new ArrayList<>(packaged.stream().map(EnvironmentKeys::variable).toList());
        if (variable.startsWith(WORK_TYPE_VARIABLE_PREFIX)) {
            String rest = variable.substring(WORK_TYPE_VARIABLE_PREFIX.length());
            for (int cut = rest.indexOf('_'); cut > 0; cut = rest.indexOf('_', cut + 1)) {
                String name = rest.substring(0, cut);
                WorkType.KEYS.forEach(k -> candidates.add(WORK_TYPE_VARIABLE_PREFIX + name + "_" + EnvironmentKeys.variable(k)));
            }
        } else if (variable.startsWith(VARIABLE_PREFIX)) {
            String[] words = variable.split("_");
            if (words.length >= 3) {
                String name = words[words.length - 2];
                WorkType.KEYS.forEach(k -> candidates.add(WORK_TYPE_VARIABLE_PREFIX + name + "_" + EnvironmentKeys.variable(k)));
            }
        }
        return closest(variable, candidates.stream());
    }

    private static String closest(String typed, Stream<String> candidates) {
        return candidates.min(Comparator.comparingInt((String c) -> DISTANCE.apply(typed, c)).thenComparing(c -> c))
                .orElse("?");
    }
}
