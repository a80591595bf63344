package io.batchroutes.emulator.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.LinkOption;
import java.util.stream.Stream;

/**
 * An output file's {@code filePattern}, relative to the task's working directory: {@code *} and {@code ?} match
 * within one path segment, {@code **} matches any number of segments, and leading {@code ..} segments reach the
 * task's own folder (as in {@code ../std*.txt}) but no further, as on the service. The fixed directories before the
 * first wildcard form the base that match names are relative to, which is how blob names are built under a
 * destination {@code path}. Symbolic links are not followed.
 * <p>
 * Matching is written by hand, segment by segment and without recursion: a regular expression (what
 * {@code PathMatcher} compiles globs to as well) overflowed the stack on a 1,900-level directory tree.
 */
public final class OutputFilePattern {
    /** A file found by a pattern and its name relative to the pattern's base directory, with '/' separators. */
    public record Match(Path file, String relativeName) {
    }

    private final Path taskDir;
    private final Path base;
    private final String rest;
    private final boolean wildcard;
    private final String[] segments;
    /** The task folder's real path, resolved once per pattern (each resolution is a readlink per path segment). */
    private Path realTaskDir;

    private OutputFilePattern(Path taskDir, Path base, String rest, boolean wildcard) {
        this.taskDir = taskDir;
        this.base = base;
        this.rest = rest;
        this.wildcard = wildcard;
        this.segments = rest.split("/");
    }

    /**
     * @throws IllegalArgumentException when the pattern leaves the task's folder (the parent of {@code workingDir})
     */
    public static OutputFilePattern parse(Path workingDir, String filePattern) {
        Path wd = workingDir.toAbsolutePath().normalize();
        Path taskDir = wd.getParent();
        String[] segments = filePattern.replace('\\', '/').split("/");
        Path base = wd;
        int i = 0;
        while (i < segments.length && !hasWildcard(segments[i]) && i < segments.length - 1) {
            String s = segments[i];
            if (s.equals("..")) {
                base = base.getParent();
                if (base == null || !base.startsWith(taskDir)) {
                    throw leaves(filePattern);
                }
            } else if (!s.isEmpty() && !s.equals(".")) {
                base = base.resolve(s);
            }
            i++;
        }
        boolean wildcard = false;
        for (int k = i; k < segments.length; k++) {
            wildcard |= hasWildcard(segments[k]);
            if (segments[k].equals("..")) {
                throw leaves(filePattern);
            }
        }
        String rest = String.join("/", java.util.Arrays.copyOfRange(segments, i, segments.length));
        return new OutputFilePattern(taskDir, base, rest, wildcard);
    }

    private static IllegalArgumentException leaves(String filePattern) {
        return new IllegalArgumentException("filePattern '" + filePattern + "' leaves the task's folder: '..' may only"
                + " lead from the working directory to the task's own folder, as in ../std*.txt");
    }

    public boolean hasWildcard() {
        return wildcard;
    }

    /**
     * Files matching the pattern, sorted by name; links are not followed.
     *
     * @throws IllegalArgumentException when the task's files cannot be read (e.g. a name too long for the system)
     */
    public List<Match> matches() {
        if (!inTaskFolder(base)) {
            return List.of();
        }
        if (!wildcard) {
            Path file = base.resolve(rest).normalize();
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && inTaskFolder(file)
                    ? List.of(new Match(file, file.getFileName().toString())) : List.of();
        }
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Match> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(base)) {
            files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().forEach(f -> {
                String name = base.relativize(f).toString().replace('\\', '/');
                if (matchesName(name)) {
                    found.add(new Match(f, name));
                }
            });
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            String reason = cause instanceof java.nio.file.FileSystemException fse && fse.getReason() != null
                    ? fse.getReason() : cause.getClass().getSimpleName();
            throw new IllegalArgumentException("cannot read the task's files for '" + String.join("/", segments)
                    + "': " + reason, e);
        }
        return found;
    }

    /** Whether {@code p} is really inside the task's folder, no folder on the way there a link. */
    private boolean inTaskFolder(Path p) {
        try {
            Path real = (Files.exists(p, LinkOption.NOFOLLOW_LINKS) ? p : nearestExisting(p)).toRealPath();
            if (realTaskDir == null) {
                realTaskDir = taskDir.toRealPath();
            }
            return real.startsWith(realTaskDir);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path nearestExisting(Path p) {
        Path q = p;
        while (q != null && !Files.exists(q, LinkOption.NOFOLLOW_LINKS)) {
            q = q.getParent();
        }
        return q == null ? p : q;
    }

    /** Whether a relative name (with '/' separators) matches the wildcard part. */
    boolean matchesName(String relativeName) {
        if (!wildcard) {
            return rest.equals(relativeName);
        }
        String[] names = relativeName.split("/");
        // reach[j]: the pattern segments so far match the first j name segments
        boolean[] reach = new boolean[names.length + 1];
        reach[0] = true;
        for (String p : segments) {
            boolean[] next = new boolean[names.length + 1];
            if (p.equals("**")) {
                boolean any = false;
                for (int j = 0; j <= names.length; j++) {
                    any |= reach[j];
                    next[j] = any;
                }
            } else {
                for (int j = 1; j <= names.length; j++) {
                    next[j] = reach[j - 1] && matchesSegment(p, names[j - 1]);
                }
            }
            reach = next;
        }
        return reach[names.length];
    }

    /** {@code *} and {@code ?} within one segment: the usual greedy match with one backtrack point. */
    static boolean matchesSegment(String pattern, String name) {
        int p = 0;
        int n = 0;
        int star = -1;
        int mark = 0;
        while (n < name.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))) {
                p++;
                n++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = n;
            } else if (star >= 0) {
                p = star + 1;
                n = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static boolean hasWildcard(String segment) {
        return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0;
    }
}
