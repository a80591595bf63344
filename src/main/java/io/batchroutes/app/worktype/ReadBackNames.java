package io.batchroutes.app.worktype;

import java.nio.file.Path;


/**
 * What Batch hands back (a task's display name, its id, a result's file name) is data that anyone holding the
 * account key could have set: before it becomes part of a local path it must be one plain path segment, and the
 * path it gives must land directly in the folder meant (issue 13, finding 2: a task named
 * {@code ../../../pwn.txt} wrote outside the folders).
 */
public final class ReadBackNames {

    private ReadBackNames() {
    }

    /** Thrown for a name read back from Batch that cannot be a file in our folders. */
    public static final class UnsafeNameException extends IllegalArgumentException {
        public UnsafeNameException(String what, String name) {
            super(what + " read back from Batch is not a plain file name: '" + printable(name) + "'");
        }
    }

    /** Whether {@code name} is one path segment: not empty, not {@code .} or {@code ..}, no {@code /}, NUL or {@code \}. */
    public static boolean isPlain(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0 && FileNames.utf8Length(name) <= FileNames.MAX_BYTES;
    }

    /** {@code name} itself if it is plain ({@link #isPlain}), else an {@link UnsafeNameException} naming {@code what}. */
    public static String plain(String what, String name) {
        if (!isPlain(name)) {
            throw new UnsafeNameException(what, name);
        }
        return name;
    }

    /** {@code dir/name}, checked to be directly inside {@code dir} (the resolved parent is {@code dir}). */
    public static Path inside(Path dir, String what, String name) {
        Path folder = dir.toAbsolutePath().normalize();
        Path resolved = folder.resolve(plain(what, name)).normalize();
        if (!folder.equals(resolved.getParent())) {
            throw new UnsafeNameException(what, name);
        }
        return resolved;
    }

    /** The name with control characters as {@code ?}, cut at 200 characters: for messages. */
    public static String printable(String name) {
        if (name == null) {
            return "(none)";
        }
        String shown = name.length() > 200 ? name.substring(0, 200) + "..." : name;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
