package io.batchroutes.app.outcome;

import java.io.IOException;
import java.util.Map;

/** The files a bundle task carries, for failing them one by one when Batch would not take the bundle. */
public interface BundledFiles {

    /** Each file's name and its own task id, in order; empty when the task is no bundle (or its files are gone). */
    Map<String, String> filesOf(String taskId) throws IOException;

    /** The bundle's files have their outcomes: it is no longer in flight. */
    void forget(String bundleId) throws IOException;
}
