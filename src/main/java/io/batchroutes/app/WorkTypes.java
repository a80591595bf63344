package io.batchroutes.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

    public WorkTypes(List<WorkType> types) {
        this.types = List.copyOf(types);
        for (WorkType type : types) {
            for (String extension : type.extensions()) {
                WorkType previous = byExtension.putIfAbsent(extension, type);
                if (previous != null) {
                    throw new IllegalArgumentException("Work types '" + previous.name() + "' and '" + type.name()
                            + "' both claim ." + extension + " files");
                }
            }
        }
    }

    /**
     * Reads {@code batchroutes.work-types} and each {@code batchroutes.work-type.<name>.*} through a property
     * lookup (Camel's, so placeholders and overrides apply).
     */
    public static WorkTypes fromProperties(Function<String, Optional<String>> property) {
        String names = property.apply("batchroutes.work-types").orElse("");
        List<WorkType> types = new ArrayList<>();
        for (String name : list(names)) {
            String prefix = "batchroutes.work-type." + name + ".";
            Function<String, String> required = key -> property.apply(prefix + key).filter(v -> !v.isBlank())
                    .orElseThrow(() -> new IllegalArgumentException("Work type '" + name + "' needs " + prefix + key));
            Function<String, Integer> number = key -> property.apply(prefix + key).filter(v -> !v.isBlank())
                    .map(v -> parseInt(name, key, v)).orElse(null);
            WorkType.Limits defaults = WorkType.Limits.DEFAULT;
            WorkType.Limits limits = new WorkType.Limits(
                    orDefault(number.apply("max-wall-clock-minutes"), defaults.maxWallClockMinutes()),
                    orDefault(number.apply("max-retries"), defaults.maxRetries()),
                    orDefault(number.apply("slots"), defaults.slots()));
            types.add(new WorkType(name,
                    list(required.apply("extensions")).stream().map(e -> e.replaceFirst("^\\.", "").toLowerCase())
                            .collect(Collectors.toCollection(LinkedHashSet::new)),
                    CommandLine.split(required.apply("command")),
                    list(required.apply("outputs")),
                    required.apply("output-name"),
                    list(property.apply(prefix + "requires").orElse("")),
                    list(property.apply(prefix + "node-files").orElse("")),
                    limits));
        }
        return new WorkTypes(types);
    }

    public Optional<WorkType> forFile(String fileName) {
        return Optional.ofNullable(byExtension.get(WorkType.extension(fileName)));
    }

    public WorkType byName(String name) {
        return types.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No work type named " + name));
    }

    public List<WorkType> all() {
        return types;
    }

    /** Every program any work type requires, in order, without repeats. */
    public Set<String> requiredPrograms() {
        return types.stream().flatMap(t -> t.requires().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Every file any work type ships to the nodes, in order, without repeats. */
    public Set<String> nodeFiles() {
        return types.stream().flatMap(t -> t.nodeFiles().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static int parseInt(String workType, String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Work type '" + workType + "': " + key + " must be a whole number, not '" + value + "'");
        }
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
