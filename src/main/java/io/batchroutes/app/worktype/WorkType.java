package io.batchroutes.app.worktype;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of work: which inputs it takes, the command a node runs for each, which files the command leaves
 * behind as results and how they are named in the output folder.
 * <p>
 * The command is an argv template. Placeholders are replaced inside one argument and never re-split, and the
 * values are names this daemon chooses ({@code input.mp4}), never a name a user gave, so nothing dropped into
 * the folder can reach a shell.
 *
 * @param name         the work type's name in the configuration
 * @param extensions   lower-case extensions without the dot
 * @param files        globs on the whole file name ({@code scan_*.tif}), for inputs an extension cannot tell apart
 * @param command      argv template; placeholders: {@code {input}} (the staged input in the task's working dir)
 * @param outputs      file names or globs, relative to the task's working directory, that are the results
 * @param outputName   how a result is named locally; placeholders: {@code {stem}} (the input's name without its
 *                     last extension), {@code {name}} (the result's file name on the node)
 * @param requires     programs a node must have on its PATH
 * @param nodeFiles    files shipped to every node's shared folder ({@code $AZ_BATCH_NODE_SHARED_DIR}) by the start
 *                     task: {@code classpath:...} resources or paths on this machine
 * @param limits       what one task of this type may take
 * @param bundle       how several waiting files share one task ({@link Bundling#NONE}: never)
 */
public record WorkType(String name, Set<String> extensions, List<String> files, List<String> command, List<String> outputs,
        String outputName, List<String> requires, List<String> nodeFiles, Limits limits, Bundling bundle) {

    /**
     * @param maxWallClock a task running longer is killed and reported
     * @param maxRetries   how often Batch runs a failed task again
     * @param slots        task slots one task occupies on a node
     */
    public record Limits(Duration maxWallClock, int maxRetries, int slots) {
        public static final Limits DEFAULT = new Limits(Duration.ofMinutes(60), 0, 1);

        public Limits {
            if (maxWallClock == null || maxWallClock.compareTo(Duration.ofSeconds(1)) < 0 || maxRetries < 0 || slots < 1) {
                throw new IllegalArgumentException("Limits out of range: max-wall-clock >= PT1S (max-wall-clock-minutes >= 1), "
                        + "max-retries >= 0, slots >= 1");
            }
        }

        public Limits(int maxWallClockMinutes, int maxRetries, int slots) {
            this(Duration.ofMinutes(maxWallClockMinutes), maxRetries, slots);
        }
    }

    /** A work type that never bundles. */
    public WorkType(String name, Set<String> extensions, List<String> files, List<String> command, List<String> outputs,
            String outputName, List<String> requires, List<String> nodeFiles, Limits limits) {
        this(name, extensions, files, command, outputs, outputName, requires, nodeFiles, limits, Bundling.NONE);
    }

    /** The key that lists the active work types. */
    public static final String LIST_KEY = "batchroutes.work-types";
    /** Each work type's keys are {@code batchroutes.work-type.<name>.<key>}. */
    public static final String KEY_PREFIX = "batchroutes.work-type.";
    /**
     * Every {@code <key>} a work type reads ({@link WorkTypes#fromProperties}); the start-up check of unknown keys
     * takes a work type's keys from this list, and {@code ConfigurationKeysTest} holds the two together.
     */
    public static final List<String> KEYS = List.of("extensions", "files", "command", "outputs", "output-name", "requires",
            "node-files", "max-wall-clock", "max-wall-clock-minutes", "max-retries", "slots",
            "bundle.command", "bundle.max-files", "bundle.max-bytes", "bundle.archive");

    /** The batch convention for a task's own output streams, one level above its working directory. */
    private static final Set<String> TASK_STREAMS = Set.of("../stdout.txt", "../stderr.txt");
    private static final Pattern NODE_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    /** What a staged input's extension may be; anything else (a glob took the user's own) stages as {@code input}. */
    private static final Pattern SAFE_EXTENSION = Pattern.compile("[a-z0-9]{1,16}");
    /** {@code -c}, {@code -ec}, {@code -lc}...: the next argument is program text (sh, bash, python3 -c). */
    private static final Pattern SCRIPT_OPTION = Pattern.compile("-[A-Za-z]*c");
    private static final Set<String> COMMAND_PLACEHOLDERS = Set.of("input");
    private static final Set<String> BUNDLE_ARCHIVE_PLACEHOLDERS = Set.of("input", "archive");
    private static final Set<String> OUTPUT_NAME_PLACEHOLDERS = Set.of("stem", "name");

    public WorkType {
        extensions = Set.copyOf(extensions);
        files = List.copyOf(files);
        if (extensions.isEmpty() && files.isEmpty()) {
            throw new IllegalArgumentException("Work type '" + name + "' takes no files: give it extensions or files");
        }
        command = List.copyOf(command);
        outputs = List.copyOf(outputs);
        requires = List.copyOf(requires);
        nodeFiles = List.copyOf(nodeFiles);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("Work type '" + name + "' has no command");
        }
        checkPlaceholders(name, "command", String.join(" ", command), COMMAND_PLACEHOLDERS);
        checkNoInputInScript(name, command);
        checkPlaceholders(name, "output-name", outputName, OUTPUT_NAME_PLACEHOLDERS);
        if (outputName.contains("/") || outputName.contains("\\")) {
            throw new IllegalArgumentException("Work type '" + name + "': output-name must be a plain file name, not a path: "
                    + outputName);
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("Work type '" + name + "' names no outputs");
        }
        for (String nodeFile : nodeFiles) {
            if (!NODE_FILE_NAME.matcher(nodeFileName(nodeFile)).matches()) {
                throw new IllegalArgumentException("Work type '" + name + "': node file '" + nodeFile
                        + "' needs a plain file name (letters, digits, '.', '_', '-')");
            }
        }
        bundle = bundle == null ? Bundling.NONE : bundle;
        if (bundle.enabled()) {
            checkBundle(name, bundle, outputs);
        }
        for (String output : outputs) {
            if (TASK_STREAMS.contains(output)) {
                continue;
            }
            if (output.startsWith("/") || List.of(output.split("/")).contains("..")) {
                throw new IllegalArgumentException("Work type '" + name + "': output '" + output
                        + "' must stay inside the task's working directory");
            }
        }
    }

    /** A work type with default limits and nothing shipped to the nodes. */
    public static WorkType of(String name, Set<String> extensions, List<String> command, List<String> outputs,
            String outputName, List<String> requires) {
        return new WorkType(name, extensions, List.of(), command, outputs, outputName, requires, List.of(), Limits.DEFAULT);
    }

    /** The full keys of the work type {@code name}. */
    public static List<String> keysOf(String name) {
        return KEYS.stream().map(key -> KEY_PREFIX + name + "." + key).toList();
    }

    /** The name a node file has on the node: the last part of its location. */
    public static String nodeFileName(String location) {
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        return path.substring(path.replace('\\', '/').lastIndexOf('/') + 1);
    }

    /**
     * The name the staged input has on the node, e.g. {@code input.mp4}. A work type matched by a {@code files} glob
     * takes whatever extension the user's name has; only a plain one ({@code [a-z0-9]}, up to 16) is kept, any
     * other ({@code x;id>&2}) gives {@code input}, so nothing a user typed reaches a command line.
     */
    public static String stagedInputName(String extension) {
        return extension != null && SAFE_EXTENSION.matcher(extension).matches() ? "input." + extension : "input";
    }

    /** Whether waiting files of this type may share a task. */
    public boolean bundles() {
        return bundle.enabled();
    }

    /**
     * The argv a node runs for a bundle of {@code folders} (one per file, each holding its staged input and, once
     * the command ran, its outputs or a {@code reason.txt}): {@code {dirs}} becomes one argument per folder.
     */
    public List<String> bundleArgv(String extension, List<String> folders) {
        List<String> argv = new ArrayList<>(bundle.command().size() + folders.size());
        for (String token : bundle.command()) {
            if (token.equals(Bundling.DIRS)) {
                argv.addAll(folders);
            } else {
                argv.add(token.replace(Bundling.ARCHIVE, bundle.archive()).replace("{input}", stagedInputName(extension)));
            }
        }
        return argv;
    }

    /** The argv a node runs for an input with this extension. */
    public List<String> argv(String extension) {
        List<String> argv = new ArrayList<>(command.size());
        for (String token : command) {
            argv.add(token.replace("{input}", stagedInputName(extension)));
        }
        return argv;
    }

    /**
     * The local name of a result, from the original input's name and the result's name on the node. Placeholders
     * are replaced in one pass (an input named {@code {name}.txt} stays itself), and a stem that would make the name
     * too long for the file system is shortened ({@link FileNames#shorten}).
     */
    public String localOutputName(String originalInputName, String nodeFileName) {
        String stem = stem(originalInputName);
        String local = expandOutputName(stem, nodeFileName);
        int excess = FileNames.utf8Length(local) - FileNames.MAX_BYTES;
        int stems = outputName.split("\\{stem}", -1).length - 1;
        if (excess > 0 && stems > 0) {
            int perStem = (excess + stems - 1) / stems;
            local = expandOutputName(FileNames.shorten(stem, FileNames.utf8Length(stem) - perStem), nodeFileName);
        }
        return local;
    }

    private String expandOutputName(String stem, String nodeFileName) {
        Matcher placeholder = PLACEHOLDER.matcher(outputName);
        StringBuilder expanded = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(expanded, Matcher.quoteReplacement(placeholder.group(1).equals("stem") ? stem : nodeFileName));
        }
        placeholder.appendTail(expanded);
        return expanded.toString();
    }

    public static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    public static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && dot < fileName.length() - 1 ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static void checkBundle(String workType, Bundling bundle, List<String> outputs) {
        String prefix = "Work type '" + workType + "': ";
        if (bundle.command().stream().noneMatch(Bundling.DIRS::equals)) {
            throw new IllegalArgumentException(prefix + "bundle.command needs " + Bundling.DIRS
                    + " as an argument of its own (it becomes one argument per file's folder)");
        }
        checkPlaceholders(workType, "bundle.command", String.join(" ", bundle.command()).replace(Bundling.DIRS, ""),
                bundle.archived() ? BUNDLE_ARCHIVE_PLACEHOLDERS : COMMAND_PLACEHOLDERS);
        checkNoInputInScript(workType, bundle.command());
        if (bundle.archived() && bundle.command().stream().noneMatch(t -> t.contains(Bundling.ARCHIVE))) {
            throw new IllegalArgumentException(prefix + "bundle.archive is set, so bundle.command must name it with "
                    + Bundling.ARCHIVE + " (without it the command would not know to write it, and every bundle would "
                    + "run again file by file)");
        }
        for (String output : outputs) {
            if (TASK_STREAMS.contains(output) || output.contains("/") || output.chars().anyMatch(c -> c == '*' || c == '?' || c == '[')) {
                throw new IllegalArgumentException(prefix + "a bundled work type needs plain literal outputs (each file's "
                        + "own in its folder), not '" + output + "'; drop the bundle.* keys or name the output files");
            }
            if (output.equals(bundle.archive())) {
                throw new IllegalArgumentException(prefix + "bundle.archive '" + output + "' is also an output; name them apart");
            }
            if (output.equals(Bundling.REASON_FILE)) {
                throw new IllegalArgumentException(prefix + "'" + Bundling.REASON_FILE + "' is where a bundle command "
                        + "puts why one file failed; it cannot be an output");
            }
        }
    }

    /**
     * {@code {input}} inside the text a shell (or {@code python3 -c}) runs would make the staged name program text;
     * it must be an argument of its own, which the script reads as {@code "$1"}.
     */
    private static void checkNoInputInScript(String workType, List<String> command) {
        for (int i = 0; i + 1 < command.size(); i++) {
            if (SCRIPT_OPTION.matcher(command.get(i)).matches() && command.get(i + 1).contains("{input}")) {
                throw new IllegalArgumentException("Work type '" + workType + "': {input} inside the script of "
                        + command.get(i) + " would be run as code; pass it as an argument after the script and read it as "
                        + "\"$1\", e.g. /bin/sh -c 'wc -l \"$1\"' " + workType + " {input}");
            }
        }
    }

    private static void checkPlaceholders(String workType, String property, String text, Set<String> allowed) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                throw new IllegalArgumentException("Work type '" + workType + "': unknown placeholder {" + m.group(1) + "} in "
                        + property + "; allowed: " + allowed);
            }
        }
    }
}
