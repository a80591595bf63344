package io.batchroutes.app.status;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.TaskCountsResult;
import com.microsoft.azure.batch.protocol.models.TaskCounts;
import io.batchroutes.component.AzureBatchConstants;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The status page's reads through the azure-batch component's own operations (so they are counted in
 * batchroutes_batch_calls_total and work unchanged against real Azure Batch; a failed read is made again on the next
 * refresh, the daemon's component tries once). Lists ask only for the fields shown.
 */
final class ComponentBatchReader implements BatchReader {

    static final String NODE_FIELDS = "id,state,isDedicated,runningTasksCount,runningTaskSlotsCount,totalTasksRun,"
                                      + "totalTasksSucceeded,stateTransitionTime,ipAddress,startTaskInfo,errors";
    static final String TASK_FIELDS = "id,displayName,state,executionInfo,nodeInfo";

    private final CamelContext context;
    private final String uri;
    private final LongAdder requests = new LongAdder();
    private Endpoint endpoint;
    private Producer producer;

    ComponentBatchReader(CamelContext context, String jobId) {
        this.context = context;
        this.uri = "azure-batch:" + jobId;
    }

    @Override
    public CloudPool pool() throws Exception {
        return call("getPool", Map.of(), CloudPool.class, BatchFailures.POOL_NOT_FOUND);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<ComputeNode> nodes() throws Exception {
        List<ComputeNode> nodes = call("listNodes", Map.of(AzureBatchConstants.SELECT, NODE_FIELDS), List.class,
                BatchFailures.POOL_NOT_FOUND);
        return nodes == null ? List.of() : nodes;
    }

    @Override
    public TaskCounts taskCounts() throws Exception {
        TaskCountsResult result = call("getTaskCounts", Map.of(), TaskCountsResult.class, BatchFailures.JOB_NOT_FOUND);
        return result == null ? null : result.taskCounts();
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<CloudTask> runningTasks() throws Exception {
        List<CloudTask> tasks = call("listTasks", Map.of(AzureBatchConstants.FILTER, "state eq 'running'",
                AzureBatchConstants.SELECT, TASK_FIELDS), List.class, BatchFailures.JOB_NOT_FOUND);
        return tasks == null ? List.of() : tasks;
    }

    @Override
    public FileChunk taskFile(String taskId, String path, long offset, long maxBytes) throws Exception {
        return chunk("getTaskFile", Map.of(AzureBatchConstants.TASK_ID, taskId, AzureBatchConstants.FILE_PATH, path,
                AzureBatchConstants.FILE_OFFSET, offset, AzureBatchConstants.FILE_MAX_BYTES, maxBytes));
    }

    @Override
    public FileChunk nodeFile(String nodeId, String path, long offset, long maxBytes) throws Exception {
        return chunk("getNodeFile", Map.of(AzureBatchConstants.NODE_ID, nodeId, AzureBatchConstants.FILE_PATH, path,
                AzureBatchConstants.FILE_OFFSET, offset, AzureBatchConstants.FILE_MAX_BYTES, maxBytes));
    }

    @Override
    public long requests() {
        return requests.sum();
    }

    private FileChunk chunk(String operation, Map<String, Object> headers) throws Exception {
        Exchange done = send(operation, headers);
        byte[] bytes = done.getMessage().getBody(byte[].class);
        long length = done.getMessage().getHeader(AzureBatchConstants.FILE_LENGTH, 0L, Long.class);
        long offset = done.getMessage().getHeader(AzureBatchConstants.FILE_OFFSET, 0L, Long.class);
        if (bytes != null && bytes.length > 0) {
            requests.increment(); // the properties call before the range
        }
        return new FileChunk(bytes == null ? new byte[0] : bytes, offset, length);
    }

    /** The body of the operation, or null when Batch answers {@code missingCode} (the pool or job is not there). */
    private <T> T call(String operation, Map<String, Object> headers, Class<T> type, String missingCode) throws Exception {
        try {
            return send(operation, headers).getMessage().getBody(type);
        } catch (Exception e) {
            if (BatchFailures.hasCode(e, missingCode)) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Calls the component's producer directly rather than through a ProducerTemplate: these exchanges belong to no
     * route, so they stay out of the routes' exchange events and metrics (and out of {@link FileEvents}).
     */
    private Exchange send(String operation, Map<String, Object> headers) throws Exception {
        requests.increment();
        Exchange exchange = producer().getEndpoint().createExchange();
        exchange.getIn().setHeaders(new HashMap<>(headers));
        exchange.getIn().setHeader(AzureBatchConstants.OPERATION, operation);
        producer().process(exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        return exchange;
    }

    private synchronized Producer producer() throws Exception {
        if (producer == null) {
            endpoint = context.getEndpoint(uri);
            producer = endpoint.createProducer();
            ServiceHelper.startService(producer);
        }
        return producer;
    }

    void close() {
        ServiceHelper.stopService(producer);
    }
}
