package io.batchroutes.app.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Folders and files only this user can read: the local profile's data folder holds account keys, SAS URLs (the
 * emulator's {@code state.json}) and copies of every input (node folders). Created {@code 0700}/{@code 0600} from
 * the start (the permission is part of the create call, so there is no moment a file is readable by others).
 */
public final class PrivateFiles {

    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /**
     * Creates {@code dir} and its missing parents {@code 0700}; an existing {@code dir} is narrowed to {@code 0700}
     * (a folder an earlier version created {@code 0755}).
     */
    public static Path directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (dir.getParent() != null && !Files.isDirectory(dir.getParent())) {
                directory(dir.getParent());
            }
            try {
                Files.createDirectory(dir, attribute(DIR));
            } catch (FileAlreadyExistsException raced) {
                // another start created it in between; narrowed below
            }
        }
        if (posix(dir) && !Files.getPosixFilePermissions(dir).equals(DIR)) {
            Files.setPosixFilePermissions(dir, DIR);
        }
        return dir;
    }

    /** Creates an empty {@code 0600} file if there is none; narrows an existing one to {@code 0600}. */
    public static Path file(Path file) throws IOException {
        try {
            Files.createFile(file, attributes(file.getParent()));
        } catch (FileAlreadyExistsException exists) {
            if (posix(file) && !Files.isSymbolicLink(file)) {
                Files.setPosixFilePermissions(file, FILE);
            }
        }
        return file;
    }

    /** Writes {@code text} to {@code file} through a {@code 0600} temporary file and an atomic rename. */
    public static void write(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".tmp-", ".part", attributes(file.getParent()));
        try {
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether others (group or world) may read or write the file. */
    public static boolean openToOthers(Path file) throws IOException {
        if (!posix(file)) {
            return false;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        return perms.stream().anyMatch(p -> !p.name().startsWith("OWNER"));
    }

    private static FileAttribute<?>[] attributes(Path dir) {
        return posix(dir) ? new FileAttribute<?>[] {attribute(FILE)} : new FileAttribute<?>[0];
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> perms) {
        return PosixFilePermissions.asFileAttribute(perms);
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
