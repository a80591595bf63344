package io.batchroutes.emulator.node;

import com.azure.storage.blob.BlobServiceVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Uploads one output file with a single Put Blob request, authorised by the SAS of its destination URL: the request
 * the storage SDK makes for a file this small, without its reactive pipeline, which was the largest part of the node
 * agent's CPU per output file (a bundle uploads one result per file). Larger files go through the SDK, which splits
 * them into blocks.
 */
final class BlobPut {

    /** Files up to this size go in one request (the storage SDK's own single-upload threshold). */
    static final long MAX_SINGLE_PUT = 256L * 1024 * 1024;
    private static final String VERSION = BlobServiceVersion.getLatest().getVersion();

    /** Storage answered with a status that asking again will not change (403, 404, 409, ...). */
    static final class Refused extends Exception {
        Refused(int status, String errorCode) {
            super("HTTP " + status + (errorCode == null ? "" : " " + errorCode));
        }
    }

    private final BlobHttp http;

    BlobPut(BlobHttp http) {
        this.http = http;
    }

    /**
     * PUTs {@code file} as block blob {@code blobName} of the container at {@code containerUrl} (its query, a SAS,
     * is kept). A transient status throws {@link StorageRetry.TransientStatus}, any other failure {@link Refused}.
     */
    void put(String containerUrl, String blobName, Path file) throws IOException, Refused {
        BlobHttp.Answer answer = http.put(blobUri(containerUrl, blobName), Map.of(
                "x-ms-blob-type", "BlockBlob",
                "x-ms-version", VERSION,
                "Content-Type", "application/octet-stream"), file);
        if (answer.is(201)) {
            return;
        }
        if (StorageRetry.transientStatus(answer.status())) {
            throw new StorageRetry.TransientStatus(answer.status());
        }
        throw new Refused(answer.status(), answer.errorCode());
    }

    /** The blob's URL: the container URL's path, then the blob name percent-encoded segment by segment, then its query. */
    static URI blobUri(String containerUrl, String blobName) {
        int q = containerUrl.indexOf('?');
        String base = q < 0 ? containerUrl : containerUrl.substring(0, q);
        String query = q < 0 ? "" : containerUrl.substring(q);
        StringBuilder url = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        for (String segment : blobName.split("/", -1)) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return URI.create(url.append(query).toString());
    }
}
