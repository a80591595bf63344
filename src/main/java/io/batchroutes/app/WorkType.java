package io.batchroutes.app;

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
 * @param command      argv template; placeholders: {@code {input}} (the staged input in the task's working dir)
 * @param outputs      file names or globs, relative to the task's working directory, that are the results
 * @param outputName   how a result is named locally; placeholders: {@code {stem}} (the input's name without its
 *                     last extension), {@code {name}} (the result's file name on the node)
 * @param requires     programs a node must have on its PATH
 */
public record WorkType(String name, Set<String> extensions, List<String> command, List<String> outputs,
        String outputName, List<String> requires) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final Set<String> COMMAND_PLACEHOLDERS = Set.of("input");
    private static final Set<String> OUTPUT_NAME_PLACEHOLDERS = Set.of("stem", "name");

    public WorkType {
        extensions = Set.copyOf(extensions);
        command = List.copyOf(command);
        outputs = List.copyOf(outputs);
        requires = List.copyOf(requires);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("Work type '" + name + "' has no command");
        }
        checkPlaceholders(name, "command", String.join(" ", command), COMMAND_PLACEHOLDERS);
        checkPlaceholders(name, "output-name", outputName, OUTPUT_NAME_PLACEHOLDERS);
        if (outputName.contains("/") || outputName.contains("\\")) {
            throw new IllegalArgumentException("Work type '" + name + "': output-name must be a plain file name, not a path: "
                    + outputName);
        }
        for (String output : outputs) {
            if (output.startsWith("/") || List.of(output.split("/")).contains("..")) {
                throw new IllegalArgumentException("Work type '" + name + "': output '" + output
                        + "' must stay inside the task's working directory");
            }
        }
    }

    /** The name the staged input has on the node, e.g. {@code input.mp4}. */
    public static String stagedInputName(String extension) {
        return "input." + extension;
    }

    /** The argv a node runs for an input with this extension. */
    public List<String> argv(String extension) {
        List<String> argv = new ArrayList<>(command.size());
        for (String token : command) {
            argv.add(token.replace("{input}", stagedInputName(extension)));
        }
        return argv;
    }

    /** The local name of a result, from the original input's name and the result's name on the node. */
    public String localOutputName(String originalInputName, String nodeFileName) {
        return outputName.replace("{stem}", stem(originalInputName)).replace("{name}", nodeFileName);
    }

    public static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    public static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && dot < fileName.length() - 1 ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
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
