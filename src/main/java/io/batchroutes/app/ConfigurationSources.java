package io.batchroutes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.batchroutes.app.worktype.WorkType;

/**
 * Where the configuration comes from, weakest first: the packaged {@code application.properties}, an
 * {@code application.properties} in the start folder, the file {@code --config} names (or {@code BATCHROUTES_CONFIG},
 * or {@code -Dbatchroutes.config}), {@code -D} system properties, environment variables. The files become Camel's
 * property locations; {@code -D} and the environment become one layer of override properties above them
 * ({@link #commandLineAndEnvironment()}), so that every {@code batchroutes.*} and {@code camel.*} key follows the
 * same order.
 */
final class ConfigurationSources {

    static final String START_FOLDER_FILE = "application.properties";
    static final String CONFIG_OPTION = "--config";
    static final String CONFIG_KEY = "batchroutes.config";
    static final String CONFIG_VARIABLE = EnvironmentKeys.variable(CONFIG_KEY);

    private final List<ConfigurationFile> files;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;

    private ConfigurationSources(List<ConfigurationFile> files, Map<String, String> systemProperties,
            Map<String, String> environment) {
        this.files = List.copyOf(files);
        this.systemProperties = Collections.unmodifiableMap(new TreeMap<>(systemProperties));
        this.environment = Collections.unmodifiableMap(new TreeMap<>(environment));
    }

    /**
     * The sources of the daemon process: files, then this JVM's {@code -D} and the environment.
     *
     * @param configOption the value of {@code --config}, if given
     */
    static ConfigurationSources ofProcess(Path startFolder, Optional<String> configOption, Map<String, String> environment,
            Properties system) {
        Map<String, String> systemProperties = new LinkedHashMap<>();
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("batchroutes.") || key.startsWith("camel.")) {
                systemProperties.put(key, system.getProperty(key));
            }
        }
        Map<String, String> configuration = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (EnvironmentKeys.isConfigurationVariable(name)) {
                configuration.put(name, value);
            }
        });
        Optional<NamedFile> named = configOption.map(file -> new NamedFile(CONFIG_OPTION, file))
                .or(() -> Optional.ofNullable(configuration.remove(CONFIG_VARIABLE)).map(file -> new NamedFile(CONFIG_VARIABLE, file)))
                .or(() -> Optional.ofNullable(systemProperties.remove(CONFIG_KEY)).map(file -> new NamedFile("-D" + CONFIG_KEY, file)));
        systemProperties.remove(CONFIG_KEY);
        configuration.remove(CONFIG_VARIABLE);
        return new ConfigurationSources(files(startFolder, named.map(n -> n.resolve(startFolder))), systemProperties, configuration);
    }

    /** The {@code --config} file and what named it ({@code --config}, {@code BATCHROUTES_CONFIG}, {@code -D}). */
    private record NamedFile(String role, String file) {
        NamedFile resolve(Path startFolder) {
            return new NamedFile(role, startFolder.resolve(file).toString());
        }
    }

    /** Only the files (packaged, start folder): for a daemon inside another JVM, such as a test's. */
    static ConfigurationSources ofFiles(Path startFolder) {
        return new ConfigurationSources(files(startFolder, Optional.empty()), Map.of(), Map.of());
    }

    private static List<ConfigurationFile> files(Path startFolder, Optional<NamedFile> config) {
        List<ConfigurationFile> files = new ArrayList<>();
        files.add(ConfigurationFile.packaged());
        Path startFolderFile = startFolder.resolve(START_FOLDER_FILE).toAbsolutePath().normalize();
        Optional<Path> configFile = config.map(n -> Path.of(n.file()).toAbsolutePath().normalize());
        if (Files.exists(startFolderFile) && !configFile.equals(Optional.of(startFolderFile))) {
            files.add(ConfigurationFile.read(startFolderFile, "start folder"));
        }
        configFile.ifPresent(file -> files.add(ConfigurationFile.read(file, config.get().role())));
        return files;
    }

    /** The files read, weakest (the packaged defaults) first. */
    List<ConfigurationFile> files() {
        return files;
    }

    /** {@code -D} settings of {@code batchroutes.*} and {@code camel.*} keys. */
    Map<String, String> systemProperties() {
        return systemProperties;
    }

    /** Environment variables whose names start with {@code BATCHROUTES} or {@code CAMEL}. */
    Map<String, String> environment() {
        return environment;
    }

    /**
     * The files as Camel's property locations. Camel's PropertiesComponent gives a key to the FIRST location that
     * defines it, so the strongest file comes first.
     */
    String camelLocations() {
        List<String> strongestFirst = new ArrayList<>(files.stream().map(ConfigurationFile::camelLocation).toList());
        Collections.reverse(strongestFirst);
        return String.join(",", strongestFirst);
    }

    /** {@code -D} settings, then the keys the environment sets on top: the override layer above the files. */
    Map<String, String> commandLineAndEnvironment() {
        Map<String, String> layer = new LinkedHashMap<>(systemProperties);
        layer.putAll(resolveEnvironment().values());
        return layer;
    }

    /** The keys the environment sets (and the variables it took them from). */
    EnvironmentKeys.Resolved resolveEnvironment() {
        Set<String> candidates = new LinkedHashSet<>();
        for (int i = files.size() - 1; i >= 0; i--) {
            files.get(i).properties().stringPropertyNames().stream().filter(ConfigurationSources::isConfigurationKey)
                    .sorted().forEach(candidates::add);
        }
        candidates.addAll(systemProperties.keySet());
        Map<String, String> listed = EnvironmentKeys.resolve(environment, List.of(WorkType.LIST_KEY)).values();
        String workTypes = Optional.ofNullable(listed.get(WorkType.LIST_KEY)).orElseGet(() -> strongestFileOrFlag(WorkType.LIST_KEY));
        for (String name : Arrays.stream(workTypes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            candidates.addAll(WorkType.keysOf(name));
        }
        return EnvironmentKeys.resolve(environment, candidates);
    }

    private String strongestFileOrFlag(String key) {
        if (systemProperties.containsKey(key)) {
            return systemProperties.get(key);
        }
        for (int i = files.size() - 1; i >= 0; i--) {
            String value = files.get(i).properties().getProperty(key);
            if (value != null) {
                return value;
            }
        }
        return "";
    }

    private static boolean isConfigurationKey(String key) {
        return key.startsWith("batchroutes.") || key.startsWith("camel.");
    }

    /** The start-up line: which files were read (paths, never values) and how much -D and environment lie on top. */
    String describe() {
        int variables = resolveEnvironment().variables().size();
        return "Configuration read from " + files.stream().map(ConfigurationFile::describe).collect(Collectors.joining(", "))
                + "; on top: " + systemProperties.size() + " -D setting(s), " + variables + " environment variable(s)";
    }
}
