package io.batchroutes.app.worktype;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured work types, looked up by a file's extension. */
public final class WorkTypes {

    private final List<WorkType> types;
    private final Map<String, WorkType> byExtension = new HashMap<>();
    private final Map<PathMatcher, WorkType> byGlob = new LinkedHashMap<>();

    public WorkTypes(List<WorkType> types) {
        this.types = List.copyOf(types);
        Map<String, WorkType> globOwners = new HashMap<>();
        for (WorkType type : types) {
            for (String extension : type.extensions()) {
                WorkType previous = byExtension.putIfAbsent(extension, type);
                if (previous != null) {
                    throw new IllegalArgumentException("Work types '" + previous.name() + "' and '" + type.name()
                            + "' both claim ." + extension + " files");
                }
            }
            for (String glob : type.files()) {
                WorkType previous = globOwners.putIfAbsent(glob, type);
                if (previous != null) {
                    throw new IllegalArgumentException("Work types '" + previous.name() + "' and '" + type.name()
                            + "' both claim files matching " + glob);
                }
                try {
                    byGlob.put(FileSystems.getDefault().getPathMatcher("glob:" + glob), type);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Work type '" + type.name() + "': not a glob: " + glob + " (" + e.getMessage() + ")");
                }
            }
        }
    }

    /**
     * Reads {@code batchroutes.work-types} and each {@code batchroutes.work-type.<name>.*} through a property
     * lookup (Camel's, so placeholders and overrides apply).
     */
    public static WorkTypes fromProperties(Function<String, Optional<String>> property) {
        String names = property.apply(WorkType.LIST_KEY).orElse("");
        List<WorkType> types = new ArrayList<>();
        for (String name : list(names)) {
            String prefix = WorkType.KEY_PREFIX + name + ".";
            Function<String, String> optional = key -> property.apply(prefix + key).orElse("");
            Function<String, String> required = key -> property.apply(prefix + key).filter(v -> !v.isBlank())
                    .orElseThrow(() -> new IllegalArgumentException("Work type '" + name + "' needs " + prefix + key));
            Function<String, Integer> number = key -> property.apply(prefix + key).filter(v -> !v.isBlank())
                    .map(v -> parseInt(name, key, v)).orElse(null);
            WorkType.Limits defaults = WorkType.Limits.DEFAULT;
            WorkType.Limits limits = new WorkType.Limits(
                    wallClock(name, property.apply(prefix + "max-wall-clock"), number.apply("max-wall-clock-minutes"),
                            defaults.maxWallClock()),
                    orDefault(number.apply("max-retries"), defaults.maxRetries()),
                    orDefault(number.apply("slots"), defaults.slots()));
            types.add(new WorkType(name,
                    list(optional.apply("extensions")).stream().map(e -> e.replaceFirst("^\\.", "").toLowerCase())
                            .collect(Collectors.toCollection(LinkedHashSet::new)),
                    list(optional.apply("files")),
                    CommandLine.split(required.apply("command")),
                    list(required.apply("outputs")),
                    required.apply("output-name"),
                    list(property.apply(prefix + "requires").orElse("")),
                    list(property.apply(prefix + "node-files").orElse("")),
                    limits,
                    bundling(name, optional.apply("bundle.command"), number.apply("bundle.max-files"),
                            property.apply(prefix + "bundle.max-bytes").filter(v -> !v.isBlank()),
                            optional.apply("bundle.archive"))));
        }
        return new WorkTypes(types);
    }

    /** The type for a file: by its extension first, then by the first matching glob in configured order. */
    public Optional<WorkType> forFile(String fileName) {
        WorkType byExt = byExtension.get(WorkType.extension(fileName));
        if (byExt != null || byGlob.isEmpty()) {
            return Optional.ofNullable(byExt);
        }
        Path name;
        try {
            name = Path.of(fileName);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return byGlob.entrySet().stream().filter(e -> e.getKey().matches(name)).map(Map.Entry::getValue).findFirst();
    }

    public WorkType byName(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No work type named " + name));
    }

    public List<WorkType> all() {
        return types;
    }

    /** The most files a task of any work type carries (1 when none bundles). */
    public int largestBundle() {
        return types.stream().filter(WorkType::bundles).mapToInt(t -> t.bundle().maxFiles()).max().orElse(1);
    }

    /** Every program any work type requires, in order, without repeats. */
    public Set<String> requiredPrograms() {
        return types.stream().flatMap(t -> t.requires().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Every file any work type ships to the nodes, in order, without repeats. */
    public Set<String> nodeFiles() {
        return types.stream().flatMap(t -> t.nodeFiles().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Bundling bundling(String workType, String command, Integer maxFiles, Optional<String> maxBytes,
            String archive) {
        if (command.isBlank()) {
            return Bundling.NONE;
        }
        long bytes;
        try {
            bytes = maxBytes.map(Long::parseLong).orElse(Bundling.DEFAULT_MAX_BYTES);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Work type '" + workType + "': bundle.max-bytes must be a whole number of bytes, not '"
                    + maxBytes.get() + "'");
        }
        try {
            return new Bundling(CommandLine.split(command), maxFiles == null ? Bundling.DEFAULT_MAX_FILES : maxFiles, bytes,
                    archive.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Work type '" + workType + "': " + e.getMessage(), e);
        }
    }

    private static int parseInt(String workType, String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Work type '" + workType + "': " + key + " must be a whole number, not '" + value + "'");
        }
    }

    /** {@code max-wall-clock} (ISO-8601, e.g. PT90S: limits under a minute) or {@code max-wall-clock-minutes}, not both. */
    private static Duration wallClock(String workType, Optional<String> iso, Integer minutes, Duration fallback) {
        Optional<String> given = iso.map(String::strip).filter(v -> !v.isEmpty());
        if (given.isPresent() && minutes != null) {
            throw new IllegalArgumentException("Work type '" + workType + "': give max-wall-clock or max-wall-clock-minutes, not both");
        }
        if (given.isEmpty()) {
            return minutes == null ? fallback : Duration.ofMinutes(minutes);
        }
        try {
            return Duration.parse(given.get());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Work type '" + workType + "': max-wall-clock must be an ISO-8601 duration such as "
                    + "PT90S, not '" + given.get() + "'");
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
