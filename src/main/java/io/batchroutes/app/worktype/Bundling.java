package io.batchroutes.app.worktype;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How files of one work type share a task while they wait for free slots: the command that takes several files in
 * one process, and how many files and bytes one task may carry. Each file gets a folder of its own on the node
 * ({@code 0/}, {@code 1/}, ...) holding its staged input; the command leaves each file's outputs in its folder, or a
 * {@code reason.txt} there for a file it could not do, and exits 0 once every folder has one or the other.
 * <p>
 * With an {@code archive}, the command also packs them: one zip in the task's working directory holding
 * {@code <k>/<output>} or {@code <k>/reason.txt} for each folder {@code k}, entries stored (not compressed). The
 * task then uploads that one blob instead of one per file, and the daemon reads each file's outputs from it: two
 * blob requests per bundle instead of two per file ({@code docs/bundling.md}).
 *
 * @param command  argv template: {@code {dirs}} (an argument of its own: one argument per folder), {@code {input}}
 *                 (the staged input's name inside each folder), {@code {archive}} (the archive's name); empty: the
 *                 type never bundles
 * @param maxFiles the most files in one task
 * @param maxBytes the most input bytes in one task (a larger file goes alone)
 * @param archive  the zip the command leaves in the task's working directory; empty: none, each file's outputs are
 *                 uploaded from its folder
 */
public record Bundling(List<String> command, int maxFiles, long maxBytes, String archive) {

    /** The placeholder that becomes one argument per file's folder. */
    public static final String DIRS = "{dirs}";
    /** The placeholder that becomes the archive's name. */
    public static final String ARCHIVE = "{archive}";
    /** Header on the exchange of each file collected from a finished bundle: the bundle task's id. */
    public static final String BUNDLE_ID_HEADER = "BatchRoutesBundleId";
    /** Where a bundle command writes why one file of the bundle failed. */
    public static final String REASON_FILE = "reason.txt";
    public static final int DEFAULT_MAX_FILES = 50;
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    /** Never more files in one task than in one addtaskcollection call: the call's body stays within Batch's limit. */
    public static final int LIMIT_MAX_FILES = 100;

    public static final Bundling NONE = new Bundling(List.of(), DEFAULT_MAX_FILES, DEFAULT_MAX_BYTES, "");
    /**
     * An archive's name: a plain file name ending in {@code .zip}, which the daemon can also use as the last part of a
     * blob name and which no file's folder ({@code 0}, {@code 1}, ...) can have.
     */
    private static final Pattern ARCHIVE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}\\.zip");

    /** Without an archive: each file's outputs are uploaded from its folder. */
    public Bundling(List<String> command, int maxFiles, long maxBytes) {
        this(command, maxFiles, maxBytes, "");
    }

    public Bundling {
        command = List.copyOf(command);
        archive = archive == null ? "" : archive;
        if (!archive.isEmpty() && !ARCHIVE_NAME.matcher(archive).matches()) {
            throw new IllegalArgumentException("bundle.archive must be a plain file name ending in .zip (letters, digits, "
                    + "'.', '_', '-'), not '" + archive + "'");
        }
        if (maxFiles < 2 || maxFiles > LIMIT_MAX_FILES || maxBytes < 1) {
            throw new IllegalArgumentException("bundle.max-files must be 2.." + LIMIT_MAX_FILES
                    + " and bundle.max-bytes at least 1, not " + maxFiles + " and " + maxBytes);
        }
    }

    public boolean enabled() {
        return !command.isEmpty();
    }

    /** Whether the command packs each file's outputs into one {@link #archive()}. */
    public boolean archived() {
        return !archive.isEmpty();
    }
}
