package io.batchroutes.component.operations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import io.batchroutes.component.AzureBatchConfigurationOptionsProxy;
import io.batchroutes.component.AzureBatchConstants;
import io.batchroutes.component.AzureBatchFileResultType;
import io.batchroutes.component.client.BatchClientWrapper.FileSink;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of getTaskFile and getNodeFile: a file written to fileDestination, a stream the exchange owns, or bytes.
 * Only the bytes variant holds the file in memory.
 */
final class FileDownloads {

    private static final Logger LOG = LoggerFactory.getLogger(FileDownloads.class);

    /** Streams a Batch file, or the part {@code ocpRange} names (null: all), into a sink (one SDK call per attempt). */
    @FunctionalInterface
    interface Download {
        void into(String ocpRange, FileSink sink) throws Exception;
    }

    /** Reads a Batch file, or the part {@code ocpRange} names (null: all), into memory. */
    @FunctionalInterface
    interface Bytes {
        byte[] read(String ocpRange) throws Exception;
    }

    /** The file's whole length, from its properties. */
    @FunctionalInterface
    interface Length {
        long get() throws Exception;
    }

    private FileDownloads() {
    }

    /**
     * The whole file, or with fileOffset / fileMaxBytes only that range: its length is read first, then only the
     * range (nothing when it is empty), and the headers say the file's length and where the bytes start.
     */
    static AzureBatchOperationResponse fetch(Exchange exchange, AzureBatchConfigurationOptionsProxy options,
                                             String filePath, Map<String, Object> headers, Length length,
                                             Download download, Bytes bytes)
            throws Exception {
        Long offset = options.getFileOffset(exchange);
        Long maxBytes = options.getFileMaxBytes(exchange);
        if (offset == null && maxBytes == null) {
            return fetch(exchange, options, filePath, headers, sink -> download.into(null, sink), () -> bytes.read(null));
        }
        long total = length.get();
        FileRange range = FileRange.of(offset, maxBytes, total);
        Map<String, Object> rangeHeaders = new HashMap<>(headers);
        rangeHeaders.put(AzureBatchConstants.FILE_LENGTH, total);
        rangeHeaders.put(AzureBatchConstants.FILE_OFFSET, range.first());
        if (range.isEmpty()) {
            return fetch(exchange, options, filePath, rangeHeaders, sink -> sink.open().close(), () -> new byte[0]);
        }
        return fetch(exchange, options, filePath, rangeHeaders, sink -> download.into(range.ocpRange(), sink),
                () -> bytes.read(range.ocpRange()));
    }

    /** Streams the whole of what {@code download} gives into the body form the options ask for. */
    private interface WholeDownload {
        void into(FileSink sink) throws Exception;
    }

    private interface WholeBytes {
        byte[] read() throws Exception;
    }

    private static AzureBatchOperationResponse fetch(Exchange exchange, AzureBatchConfigurationOptionsProxy options,
                                                     String filePath, Map<String, Object> headers,
                                                     WholeDownload download, WholeBytes bytes) throws Exception {
        String destination = options.getFileDestination(exchange);
        if (ObjectHelper.isNotEmpty(destination)) {
            Path target = target(destination, filePath);
            writeAtomically(target, download);
            LOG.info("Wrote Azure Batch file {} to {} ({} bytes)", filePath, target, Files.size(target));
            return AzureBatchOperationResponse.of(target.toFile(), headers);
        }
        if (options.getFileResultType() == AzureBatchFileResultType.stream) {
            return AzureBatchOperationResponse.of(ownedStream(exchange, download), headers);
        }
        return AzureBatchOperationResponse.of(bytes.read(), headers);
    }

    /** A directory (existing, or written with a trailing separator) keeps the file's base name; else a file path. */
    static Path target(String destination, String filePath) throws IOException {
        Path path = Paths.get(destination).toAbsolutePath();
        if (Files.isDirectory(path) || destination.endsWith("/") || destination.endsWith("\\")) {
            Files.createDirectories(path);
            return path.resolve(baseName(filePath));
        }
        Files.createDirectories(path.getParent());
        return path;
    }

    static String baseName(String filePath) {
        String name = filePath.substring(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("The file path '" + filePath + "' has no file name to write to a directory");
        }
        return name;
    }

    /** Downloads next to the target and moves it into place, so readers never see half a file. */
    private static void writeAtomically(Path target, WholeDownload download) throws Exception {
        Path part = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        try {
            download.into(() -> Files.newOutputStream(part, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING));
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** A temporary copy, read through a stream the exchange owns: the copy is deleted when the exchange completes. */
    private static InputStream ownedStream(Exchange exchange, WholeDownload download) throws Exception {
        Path copy = Files.createTempFile("azure-batch-", ".download");
        try {
            download.into(() -> Files.newOutputStream(copy, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING));
            return TempFileInputStream.ownedBy(exchange, copy);
        } catch (Exception | Error e) {
            Files.deleteIfExists(copy);
            throw e;
        }
    }
}
