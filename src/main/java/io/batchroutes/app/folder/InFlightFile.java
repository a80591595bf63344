package io.batchroutes.app.folder;

/** A file in {@code processing/} and the id of the task it is (or is about to be) run in on its own. */
public interface InFlightFile {

    String taskId();

    String fileName();
}
