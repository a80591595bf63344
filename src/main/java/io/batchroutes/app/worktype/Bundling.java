package io.batchroutes.app.worktype;

import java.util.List;

/**
 * How files of one work type share a task while they wait for free slots: the command that takes several files in
 * one process, and how many files and bytes one task may carry. Each file gets a folder of its own on the node
 * ({@code 0/}, {@code 1/}, ...) holding its staged input; the command leaves each file's outputs in its folder, or a
 * {@code reason.txt} there for a file it could not do, and exits 0 once every folder has one or the other.
 *
 * @param command  argv template: {@code {dirs}} (an argument of its own: one argument per folder), {@code {input}}
 *                 (the staged input's name inside each folder); empty: the type never bundles
 * @param maxFiles the most files in one task
 * @param maxBytes the most input bytes in one task (a larger file goes alone)
 */
public record Bundling(List<String> command, int maxFiles, long maxBytes) {

    /** The placeholder that becomes one argument per file's folder. */
    public static final String DIRS = "{dirs}";
    /** Header on the exchange of each file collected from a finished bundle: the bundle task's id. */
    public static final String BUNDLE_ID_HEADER = "BatchRoutesBundleId";
    /** Where a bundle command writes why one file of the bundle failed. */
    public static final String REASON_FILE = "reason.txt";
    public static final int DEFAULT_MAX_FILES = 50;
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;
    /** Never more files in one task than in one addtaskcollection call: the call's body stays within Batch's limit. */
    public static final int LIMIT_MAX_FILES = 100;

    public static final Bundling NONE = new Bundling(List.of(), DEFAULT_MAX_FILES, DEFAULT_MAX_BYTES);

    public Bundling {
        command = List.copyOf(command);
        if (maxFiles < 2 || maxFiles > LIMIT_MAX_FILES || maxBytes < 1) {
            throw new IllegalArgumentException("bundle.max-files must be 2.." + LIMIT_MAX_FILES
                    + " and bundle.max-bytes at least 1, not " + maxFiles + " and " + maxBytes);
        }
    }

    public boolean enabled() {
        return !command.isEmpty();
    }
}
