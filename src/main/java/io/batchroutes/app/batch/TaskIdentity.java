package io.batchroutes.app.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * Deterministic task ids: the same file (name, size, modification time) always maps to the same id, so a
 * resubmission after a crash is answered {@code TaskExists} instead of running the file twice, while a file
 * replaced with new content gets a new id and is processed again.
 */
public final class TaskIdentity {

    public static String taskId(String fileName, long size, long lastModifiedMillis) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((fileName + '\0' + size + '\0' + lastModifiedMillis).getBytes(StandardCharsets.UTF_8));
            return "f-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A bundle task's id, from its files' task ids in order: a bundle rebuilt from its manifest after a restart has
     * the same id, so Batch answers {@code TaskExists} and it is adopted, never run twice.
     */
    public static String bundleId(java.util.List<String> memberTaskIds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.join("\0", memberTaskIds).getBytes(StandardCharsets.UTF_8));
            return "b-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For the ingest route: the task id of a picked-up file (header {@code CamelAzureBatchTaskId}). */
    public String forFile(@Header(Exchange.FILE_NAME_ONLY) String fileName, @Header(Exchange.FILE_LENGTH) Long size,
            @Header(Exchange.FILE_LAST_MODIFIED) Long lastModifiedMillis) {
        return taskId(fileName, size == null ? 0 : size, lastModifiedMillis == null ? 0 : lastModifiedMillis);
    }
}
