package io.batchroutes.app.worktype;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** File names within the limit of common file systems (ext4, XFS, tmpfs, APFS): 255 bytes. */
public final class FileNames {

    public static final int MAX_BYTES = 255;

    private FileNames() {
    }

    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * {@code text} if it fits in {@code maxBytes} of UTF-8, else its beginning and {@code ~} with a hash of the whole
     * text: two long names that begin alike stay apart.
     */
    public static String shorten(String text, int maxBytes) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        String mark = "~" + hash(text);
        int budget = maxBytes - mark.length();
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int size = utf8Length(Character.toString(codePoint));
            if (bytes + size > budget) {
                break;
            }
            kept.appendCodePoint(codePoint);
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return kept + mark;
    }

    /** Eight hex digits of the text's SHA-256. */
    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
