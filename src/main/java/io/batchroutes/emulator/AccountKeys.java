package io.batchroutes.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Account keys of the emulator: fresh random ones, and the one kept in a data directory so that a restarted emulator
 * keeps its key (clients configured with it go on working). The key file is readable by its owner only ({@code 0600})
 * in a folder only its owner can enter ({@code 0700}); it holds the base64 key and nothing else.
 */
public final class AccountKeys {
    /** The key file's name inside the data directory. */
    public static final String FILE_NAME = "account.key";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private AccountKeys() {
    }

    /** 64 random bytes from {@link SecureRandom}, base64: the length of the keys Azure issues. */
    public static String random() {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The key in {@code dir/account.key}, created with a {@link #random()} key when absent. The folder is made
     * {@code 0700}; an existing key file must be a regular file (not a link) that only its owner can read, or it is
     * refused: someone else may have read it or planted it.
     */
    public static String loadOrCreate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            String key = random();
            try {
                Files.write(Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)),
                        key.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE);
                return key;
            } catch (FileAlreadyExistsException raced) {
                // another emulator on the same folder created it first: use theirs
            }
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!OWNER_ONLY_FILE.containsAll(permissions)) {
            throw new IOException(file + " is readable or writable by others ("
                    + PosixFilePermissions.toString(permissions) + "); make it 0600 or delete it for a new key");
        }
        String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
            if (Base64.getDecoder().decode(key).length < 32) {
                throw new IOException(file + " holds a key shorter than 32 bytes");
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a base64 key");
        }
        return key;
    }
}
