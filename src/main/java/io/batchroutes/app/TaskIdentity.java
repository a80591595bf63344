package io.batchroutes.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic task ids: the same file (name, size, modification time) always maps to the same id, so a
 * resubmission after a crash is answered {@code TaskExists} instead of running the file twice, while a file
 * replaced with new content gets a new id and is processed again.
 */
public final class TaskIdentity {

    private TaskIdentity() {
    }

    public static String taskId(String fileName, long size, long lastModifiedMillis) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((fileName + '\0' + size + '\0' + lastModifiedMillis).getBytes(StandardCharsets.UTF_8));
            return "f-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
