package io.batchroutes.app.worktype;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts between an argv list and the single command-line string Azure Batch takes. Batch runs a task's
 * command line without a shell and splits it the POSIX way; {@link #join} quotes each argument so that this
 * split gives back exactly the same argv, and {@link #split} reads a configured template the same way.
 * <p>
 * Written by hand because the candidates (commons-exec {@code CommandLine.parse}, commons-text tokenizers)
 * do not implement POSIX quoting faithfully, and getting it wrong is a shell-injection hole.
 */
public final class CommandLine {

    private CommandLine() {
    }

    /** Splits on unquoted whitespace; single quotes are literal, double quotes honour backslash escapes. */
    public static List<String> split(String commandLine) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inArgument = false;
        int i = 0;
        while (i < commandLine.length()) {
            char c = commandLine.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inArgument) {
                    args.add(current.toString());
                    current.setLength(0);
                    inArgument = false;
                }
                i++;
            } else if (c == '\'') {
                int end = commandLine.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("Unterminated single quote in command line: " + commandLine);
                }
                current.append(commandLine, i + 1, end);
                inArgument = true;
                i = end + 1;
            } else if (c == '"') {
                i = readDoubleQuoted(commandLine, i + 1, current);
                inArgument = true;
            } else if (c == '\\' && i + 1 < commandLine.length()) {
                current.append(commandLine.charAt(i + 1));
                inArgument = true;
                i += 2;
            } else {
                current.append(c);
                inArgument = true;
                i++;
            }
        }
        if (inArgument) {
            args.add(current.toString());
        }
        return args;
    }

    private static int readDoubleQuoted(String line, int start, StringBuilder out) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                out.append(line.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("Unterminated double quote in command line: " + line);
    }

    /** Joins arguments into a command line whose POSIX split is exactly {@code args}. */
    public static String join(List<String> args) {
        StringBuilder line = new StringBuilder();
        for (String arg : args) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(quote(arg));
        }
        return line.toString();
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(CommandLine::isPlain)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-_./=:,+@%".indexOf(c) >= 0;
    }
}
