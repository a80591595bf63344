package io.batchroutes.emulator.handler;

import io.batchroutes.emulator.model.FileProperties;
import io.batchroutes.emulator.model.NodeFile;
import io.batchroutes.emulator.service.FileService;
import io.batchroutes.emulator.service.FileService.FileEntry;
import java.util.List;

/** Task files ({@code /jobs/{jobId}/tasks/{taskId}/files}) and node files ({@code /pools/{poolId}/nodes/{nodeId}/files}). */
public final class FilesHandler {
    private final FileService files;

    public FilesHandler(FileService files) {
        this.files = files;
    }

    public Reply getTaskFile(ApiRequest r) {
        return content(files.taskFile(r.path("jobId"), r.path("taskId"), r.path("filePath")), r);
    }

    public Reply listTaskFiles(ApiRequest r) {
        return listing(files.listTaskFiles(r.path("jobId"), r.path("taskId"), r.queryFlag("recursive")));
    }

    public Reply deleteTaskFile(ApiRequest r) {
        files.deleteTaskFile(r.path("jobId"), r.path("taskId"), r.path("filePath"), r.queryFlag("recursive"));
        return Reply.empty(200);
    }

    public Reply getNodeFile(ApiRequest r) {
        return content(files.nodeFile(r.path("poolId"), r.path("nodeId"), r.path("filePath")), r);
    }

    public Reply listNodeFiles(ApiRequest r) {
        return listing(files.listNodeFiles(r.path("poolId"), r.path("nodeId"), r.queryFlag("recursive")));
    }

    public Reply deleteNodeFile(ApiRequest r) {
        files.deleteNodeFile(r.path("poolId"), r.path("nodeId"), r.path("filePath"), r.queryFlag("recursive"));
        return Reply.empty(200);
    }

    /** GET answers the bytes, HEAD the same headers; a directory has no bytes. */
    private static Reply content(FileEntry f, ApiRequest r) {
        Reply reply = f.directory() || r.method().equals("HEAD") ? Reply.empty(200).header("Content-Length", "0")
                : Reply.file(f.path(), r.header("ocp-range"));
        reply.header("Content-Type", f.contentType())
                .header("Last-Modified", HttpDate.format(f.lastModified()))
                .header("ocp-creation-time", HttpDate.format(f.creationTime()))
                .header("ocp-batch-file-isdirectory", f.directory() ? "True" : "False")
                .header("ocp-batch-file-url", java.net.URLEncoder.encode(f.url(), java.nio.charset.StandardCharsets.UTF_8))
                .header("ocp-batch-file-mode", f.fileMode());
        if (r.method().equals("HEAD") && !f.directory()) {
            reply.header("Content-Length", Long.toString(f.length()));
        }
        return reply;
    }

    private static Reply listing(List<FileEntry> entries) {
        return Reply.list(entries.stream().map(FilesHandler::nodeFile).toList(), "files");
    }

    private static NodeFile nodeFile(FileEntry f) {
        NodeFile n = new NodeFile();
        n.name = f.name();
        n.url = f.url();
        n.isDirectory = f.directory();
        if (!f.directory()) {
            n.properties = new FileProperties();
            n.properties.creationTime = f.creationTime();
            n.properties.lastModified = f.lastModified();
            n.properties.contentLength = Long.toString(f.length());
            n.properties.contentType = f.contentType();
            n.properties.fileMode = f.fileMode();
        }
        return n;
    }
}
