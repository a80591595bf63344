package io.batchroutes.app.staging;

import java.io.File;

/**
 * One result of a finished task: the blob the task uploaded, the name it gets in the output folder and, once the
 * collect route wrote it, the file.
 *
 * @param blobName  in the results container
 * @param localName a plain file name (never a path) in the output folder
 * @param file      the result as written, or null while only planned
 */
public record ResultFile(String blobName, String localName, File file) {

    public ResultFile {
        if (localName.isEmpty() || localName.contains("/") || localName.equals(".") || localName.equals("..")) {
            throw new IllegalStateException("Result name escapes the output folder: " + localName);
        }
    }

    /** A planned result, not written yet. */
    public ResultFile(String blobName, String localName) {
        this(blobName, localName, null);
    }

    public ResultFile writtenTo(File written) {
        return new ResultFile(blobName, localName, written);
    }
}
