package io.batchroutes.emulator.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An output file's {@code filePattern}, relative to the task's working directory: {@code *} and {@code ?} match
 * within one path segment, {@code **} matches any number of segments, and leading {@code ..} segments climb out of
 * {@code wd} (as in {@code ../std*.txt}). The fixed directories before the first wildcard form the base that match
 * names are relative to, which is how blob names are built under a destination {@code path}.
 */
public final class OutputFilePattern {
    /** A file found by a pattern and its name relative to the pattern's base directory, with '/' separators. */
    public record Match(Path file, String relativeName) {
    }

    private final Path base;
    private final String rest;
    private final boolean wildcard;
    private final Pattern regex;

    private OutputFilePattern(Path base, String rest, boolean wildcard) {
        this.base = base;
        this.rest = rest;
        this.wildcard = wildcard;
        this.regex = wildcard ? Pattern.compile(toRegex(rest)) : null;
    }

    public static OutputFilePattern parse(Path workingDir, String filePattern) {
        String[] segments = filePattern.replace('\\', '/').split("/");
        Path base = workingDir;
        int i = 0;
        while (i < segments.length && !hasWildcard(segments[i]) && i < segments.length - 1) {
            String s = segments[i];
            if (s.equals("..")) {
                base = base.getParent();
            } else if (!s.isEmpty() && !s.equals(".")) {
                base = base.resolve(s);
            }
            i++;
        }
        String rest = String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
        boolean wildcard = false;
        for (int k = i; k < segments.length; k++) {
            wildcard |= hasWildcard(segments[k]);
        }
        return new OutputFilePattern(base, rest, wildcard);
    }

    public boolean hasWildcard() {
        return wildcard;
    }

    /** Files matching the pattern, sorted by name. */
    public List<Match> matches() {
        if (!wildcard) {
            Path file = base.resolve(rest).normalize();
            return Files.isRegularFile(file) ? List.of(new Match(file, file.getFileName().toString())) : List.of();
        }
        if (!Files.isDirectory(base)) {
            return List.of();
        }
        List<Match> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                String name = base.relativize(f).toString().replace('\\', '/');
                if (regex.matcher(name).matches()) {
                    found.add(new Match(f, name));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** Whether a relative name (with '/' separators) matches the wildcard part; for tests. */
    boolean matchesName(String relativeName) {
        return wildcard ? regex.matcher(relativeName).matches() : rest.equals(relativeName);
    }

    private static boolean hasWildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
    }

    static String toRegex(String glob) {
        String[] segments = glob.split("/");
        StringBuilder re = new StringBuilder();
        for (int s = 0; s < segments.length; s++) {
            String seg = segments[s];
            boolean last = s == segments.length - 1;
            if (seg.equals("**")) {
                re.append(last ? ".*" : "(?:[^/]+/)*");
                continue;
            }
            StringBuilder literal = new StringBuilder();
            for (char c : seg.toCharArray()) {
                if (c == '*' || c == '?') {
                    if (literal.length() > 0) {
                        re.append(Pattern.quote(literal.toString()));
                        literal.setLength(0);
                    }
                    re.append(c == '*' ? "[^/]*" : "[^/]");
                } else {
                    literal.append(c);
                }
            }
            if (literal.length() > 0) {
                re.append(Pattern.quote(literal.toString()));
            }
            if (!last) {
                re.append('/');
            }
        }
        return re.toString();
    }
}
