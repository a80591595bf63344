package io.batchroutes.component.operations;

/**
 * The bytes {@code first..last} (inclusive) of a file of a known length, as asked by fileOffset (negative: from the
 * end) and fileMaxBytes, clamped to the file. The request names both ends ({@code bytes=first-last}), the one form the
 * Batch REST reference documents for {@code ocp-range}, so a file that grows meanwhile returns exactly this range.
 */
record FileRange(long first, long last) {

    static FileRange of(Long offset, Long maxBytes, long length) {
        if (maxBytes != null && maxBytes < 0) {
            throw new IllegalArgumentException("fileMaxBytes must not be negative, got " + maxBytes);
        }
        long requested = offset == null ? 0 : offset;
        long first = requested >= 0 ? Math.min(requested, length) : Math.max(0, length + requested);
        long end = maxBytes == null ? length : first + Math.min(length - first, maxBytes);
        return new FileRange(first, end - 1);
    }

    boolean isEmpty() {
        return last < first;
    }

    long size() {
        return isEmpty() ? 0 : last - first + 1;
    }

    String ocpRange() {
        return "bytes=" + first + "-" + last;
    }
}
