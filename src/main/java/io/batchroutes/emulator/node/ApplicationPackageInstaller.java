package io.batchroutes.emulator.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks an application package (a zip) into a node's {@code applications} folder, once: a package already there is
 * used as it is, as the service does. An entry may not leave the target folder (no absolute names, no {@code ..}
 * that climbs out, no writing through a link that is already there); a zip's symbolic links come out as small files
 * holding the link's target, because java.util.zip does not tell links apart. File modes are not kept (java.util.zip
 * does not expose them): run scripts through their interpreter, or {@code chmod} them in the command line.
 */
public final class ApplicationPackageInstaller {
    private ApplicationPackageInstaller() {
    }

    /** Thrown for a package that cannot be unpacked; the message says why, without the package's contents. */
    public static final class PackageException extends Exception {
        PackageException(String message) {
            super(message);
        }
    }

    /** Unpacks {@code zip} into {@code target} unless it is there already; returns {@code target}. */
    public static Path install(Path zip, Path target) throws PackageException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return target;
        }
        Path staging = target.resolveSibling(target.getFileName() + ".unpacking-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId());
        try {
            deleteTree(staging);
            Files.createDirectories(staging);
            unzip(zip, staging);
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                deleteTree(staging); // another task on this node unpacked it first
            }
            return target;
        } catch (IOException e) {
            deleteTree(staging);
            throw new PackageException("cannot unpack " + zip.getFileName() + ": " + e.getMessage());
        } catch (PackageException e) {
            deleteTree(staging);
            throw e;
        }
    }

    private static void unzip(Path zip, Path dir) throws IOException, PackageException {
        Path root = dir.toRealPath();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = safeTarget(root, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                if (!out.getParent().toRealPath().startsWith(root)) {
                    throw new PackageException("entry " + entry.getName() + " would be written through a link");
                }
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, out); // fails on an existing file or link: nothing is overwritten
                }
            }
        }
    }

    /** Where an entry goes, refusing names that would land outside {@code root} (zip-slip). */
    static Path safeTarget(Path root, String name) throws PackageException {
        String normalized = name.replace('\\', '/');
        if (normalized.startsWith("/") || normalized.matches("^[A-Za-z]:.*") || normalized.isEmpty()) {
            throw new PackageException("entry " + name + " has an absolute or empty name");
        }
        Path out = root.resolve(normalized).normalize();
        if (!out.startsWith(root) || out.equals(root)) {
            throw new PackageException("entry " + name + " would be written outside the package folder");
        }
        return out;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover staging folder is harmless
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
