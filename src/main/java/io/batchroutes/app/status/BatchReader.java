package io.batchroutes.app.status;

import java.util.List;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.TaskCounts;

/** The Batch reads the status page makes; the seam its unit tests replace. */
public interface BatchReader {

    /** Part of a file: the bytes read, where they start, and the file's whole length when read. */
    record FileChunk(byte[] bytes, long offset, long length) {
        public long end() {
            return offset + bytes.length;
        }
    }

    /** The pool, or null when it does not exist. */
    CloudPool pool() throws Exception;

    /** The pool's nodes (none when the pool does not exist). */
    List<ComputeNode> nodes() throws Exception;

    /** The job's task counts, or null when the job does not exist yet. */
    TaskCounts taskCounts() throws Exception;

    /** The job's running tasks. */
    List<CloudTask> runningTasks() throws Exception;

    /** At most {@code maxBytes} of a task file from {@code offset} (negative: that many bytes before the end). */
    FileChunk taskFile(String taskId, String path, long offset, long maxBytes) throws Exception;

    /** At most {@code maxBytes} of a node file from {@code offset} (negative: from the end). */
    FileChunk nodeFile(String nodeId, String path, long offset, long maxBytes) throws Exception;

    /** Batch requests sent so far (a ranged read that found bytes is two: properties, then the range). */
    long requests();
}
