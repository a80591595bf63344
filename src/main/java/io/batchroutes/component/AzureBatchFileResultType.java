package io.batchroutes.component;

/**
 * What getTaskFile and getNodeFile put in the body when no fileDestination is given.
 */
public enum AzureBatchFileResultType {

    /** The whole file as a {@code byte[]}: simple, but held in memory. */
    bytes,
    /**
     * An {@code InputStream} (a file-backed {@code StreamCache}) over a temporary copy of the file. The exchange owns
     * it: it is closed, and the copy deleted, when the exchange completes.
     */
    stream
}
