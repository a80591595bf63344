package io.batchroutes.app.staging;

/**
 * One result of a finished task: the blob the task uploaded and the name it gets in the output folder.
 *
 * @param blobName  in the results container
 * @param localName a plain file name (never a path) in the output folder
 */
public record ResultFile(String blobName, String localName) {

    public ResultFile {
        if (localName.isEmpty() || localName.contains("/") || localName.equals(".") || localName.equals("..")) {
            throw new IllegalStateException("Result name escapes the output folder: " + localName);
        }
    }
}
