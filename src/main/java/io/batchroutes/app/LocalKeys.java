package io.batchroutes.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account keys of the local profile's emulator and Azurite: random per data folder (never the published
 * development keys, which let anyone on the host run commands as this user and read every input), kept
 * {@code 0600} in the {@code 0700} data folder so that a restart keeps the SAS URLs and pools it handed out valid.
 * They are given to the in-process clients and to Azurite's environment, never to a command line.
 *
 * @param batchKey   base64 key of the emulator's account
 * @param storageKey base64 key of Azurite's account
 */
public record LocalKeys(String batchKey, String storageKey) {

    static final String BATCH_KEY_FILE = "batch-emulator.key";
    static final String STORAGE_KEY_FILE = "azurite.key";
    private static final Logger LOG = LoggerFactory.getLogger(LocalKeys.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** As long as the keys Azure issues (64 bytes). */
    private static final int KEY_BYTES = 64;

    @Override
    public String toString() {
        return "LocalKeys[***]";
    }

    /** The data folder's keys, created on its first use. */
    public static LocalKeys of(Path dataDir) throws IOException {
        PrivateFiles.directory(dataDir);
        return new LocalKeys(key(dataDir.resolve(BATCH_KEY_FILE)), key(dataDir.resolve(STORAGE_KEY_FILE)));
    }

    private static String key(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            if (!PrivateFiles.openToOthers(file)) {
                String key = Files.readString(file).strip();
                if (isKey(key)) {
                    return key;
                }
            } else {
                // Someone else may have read it: a new key makes what they read useless.
                LOG.warn("{} was readable by other users; replacing it with a new key", file);
            }
        }
        byte[] bytes = new byte[KEY_BYTES];
        RANDOM.nextBytes(bytes);
        String key = Base64.getEncoder().encodeToString(bytes);
        PrivateFiles.write(file, key + "\n");
        return key;
    }

    private static boolean isKey(String text) {
        try {
            return Base64.getDecoder().decode(text).length >= 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
