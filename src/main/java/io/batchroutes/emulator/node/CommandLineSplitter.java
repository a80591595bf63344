package io.batchroutes.emulator.node;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Batch command line into argv the way a POSIX shell tokenizes words, and does nothing else: no variable
 * expansion, no globbing, no command substitution ({@code $(..)} and backticks stay literal), no redirection. The
 * real service does not run command lines in a shell either; users write {@code /bin/sh -c '...'} for that.
 * <p>
 * Hand-written rather than taken from a library because the libraries at hand (commons-exec, plexus) either expand
 * variables or follow Windows rules for quotes and backslashes; the grammar is small enough to state here.
 * <ul>
 * <li>Unquoted whitespace separates words.</li>
 * <li>Single quotes keep everything up to the next single quote literally.</li>
 * <li>Double quotes keep everything literally except {@code \\ \" \$ \`} and backslash-newline, which are escapes.</li>
 * <li>A backslash outside quotes makes the next character literal; backslash-newline joins lines.</li>
 * </ul>
 */
public final class CommandLineSplitter {
    private CommandLineSplitter() {
    }

    /** Returns the words of {@code line}; throws IllegalArgumentException for an unterminated quote. */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("Unterminated single quote at position " + i);
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = readDoubleQuoted(line, i + 1, word);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < n) {
                    char next = line.charAt(i + 1);
                    if (next != '\n') {
                        word.append(next);
                        inWord = true;
                    }
                    i += 2;
                } else {
                    word.append(c);
                    inWord = true;
                    i++;
                }
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int readDoubleQuoted(String line, int start, StringBuilder word) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length()) {
                char next = line.charAt(i + 1);
                if (next == '\\' || next == '"' || next == '$' || next == '`') {
                    word.append(next);
                    i += 2;
                    continue;
                }
                if (next == '\n') {
                    i += 2;
                    continue;
                }
            }
            word.append(c);
            i++;
        }
        throw new IllegalArgumentException("Unterminated double quote at position " + (start - 1));
    }
}
