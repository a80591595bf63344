package io.batchroutes.component.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import io.batchroutes.component.AzureBatchConfigurationOptionsProxy;
import io.batchroutes.component.AzureBatchConstants;
import io.batchroutes.component.AzureBatchOperations;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchErrors;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.batchroutes.component.AzureBatchConfigurationOptionsProxy.required;

/**
 * Pool and compute node operations.
 */
public class BatchPoolOperations {

    private static final Logger LOG = LoggerFactory.getLogger(BatchPoolOperations.class);

    private final AzureBatchConfigurationOptionsProxy options;
    private final BatchClientWrapper client;
    private final DeletionWait deletionWait;

    public BatchPoolOperations(AzureBatchConfigurationOptionsProxy options, BatchClientWrapper client) {
        this(options, client, new DeletionWait(options.getConfiguration().getDeletionWaitTimeout()));
    }

    BatchPoolOperations(AzureBatchConfigurationOptionsProxy options, BatchClientWrapper client, DeletionWait deletionWait) {
        this.options = options;
        this.client = client;
        this.deletionWait = deletionWait;
    }

    /**
     * Creates the pool of the PoolAddParameter body unless it exists; an existing pool is adopted when it fits (same VM
     * size, task slots per node and node agent), else this fails with what differs. The body's id wins over poolId;
     * without a body an existing pool is adopted as it is. A pool of that id still being deleted is waited for
     * (deletionWaitTimeout). Returns the pool as it is now.
     */
    public AzureBatchOperationResponse ensurePool(Exchange exchange) throws Exception {
        PoolAddParameter pool = exchange.getIn().getBody(PoolAddParameter.class);
        String poolId = pool != null && ObjectHelper.isNotEmpty(pool.id()) ? pool.id() : options.getPoolId(exchange);
        required(poolId, "a poolId or a PoolAddParameter body with an id", AzureBatchOperations.ensurePool);
        if (pool == null) {
            try {
                return poolResponse(client.getPool(poolId, options.getSelect(exchange)));
            } catch (Exception e) {
                if (BatchErrors.hasCode(e, BatchErrors.POOL_NOT_FOUND)) {
                    throw new IllegalArgumentException("ensurePool: pool " + poolId
                                                       + " does not exist and the body holds no PoolAddParameter to create it");
                }
                throw e;
            }
        }
        if (ObjectHelper.isEmpty(pool.id())) {
            pool.withId(poolId);
        }
        try {
            deletionWait.create("pool " + poolId, BatchErrors.POOL_BEING_DELETED, () -> client.createPool(pool));
            LOG.info("Created Azure Batch pool {} ({} dedicated, {} low-priority nodes of {})", poolId,
                    pool.targetDedicatedNodes(), pool.targetLowPriorityNodes(), pool.vmSize());
        } catch (Exception e) {
            if (!BatchErrors.hasCode(e, BatchErrors.POOL_EXISTS)) {
                throw e;
            }
            CloudPool existing = client.getPool(poolId, null);
            String misfit = misfit(pool, existing);
            if (misfit != null) {
                throw new IllegalStateException("ensurePool: pool " + poolId + " exists but does not fit: " + misfit
                                                + "; delete it or choose another poolId");
            }
            LOG.info("Azure Batch pool {} exists and fits; using it", poolId);
        }
        return poolResponse(client.getPool(poolId, options.getSelect(exchange)));
    }

    /** What makes an existing pool unfit for the wanted one (VM size, task slots, image), or null when it fits. */
    static String misfit(PoolAddParameter wanted, CloudPool existing) {
        List<String> differences = new ArrayList<>();
        if (wanted.vmSize() != null && existing.vmSize() != null && !wanted.vmSize().equalsIgnoreCase(existing.vmSize())) {
            differences.add("vmSize " + existing.vmSize() + " instead of " + wanted.vmSize());
        }
        int wantedSlots = wanted.taskSlotsPerNode() == null ? 1 : wanted.taskSlotsPerNode();
        if (existing.taskSlotsPerNode() != null && existing.taskSlotsPerNode() != wantedSlots) {
            differences.add("taskSlotsPerNode " + existing.taskSlotsPerNode() + " instead of " + wantedSlots);
        }
        String wantedAgent = wanted.virtualMachineConfiguration() == null ? null
                : wanted.virtualMachineConfiguration().nodeAgentSKUId();
        String existingAgent = existing.virtualMachineConfiguration() == null ? null
                : existing.virtualMachineConfiguration().nodeAgentSKUId();
        if (wantedAgent != null && existingAgent != null && !wantedAgent.equalsIgnoreCase(existingAgent)) {
            differences.add("nodeAgentSKUId " + existingAgent + " instead of " + wantedAgent);
        }
        return differences.isEmpty() ? null : String.join(", ", differences);
    }

    public AzureBatchOperationResponse getPool(Exchange exchange) throws Exception {
        String poolId = required(options.getPoolId(exchange), "a poolId", AzureBatchOperations.getPool);
        return poolResponse(client.getPool(poolId, options.getSelect(exchange)));
    }

    public AzureBatchOperationResponse deletePool(Exchange exchange) throws Exception {
        String poolId = required(options.getPoolId(exchange), "a poolId", AzureBatchOperations.deletePool);
        client.deletePool(poolId);
        LOG.info("Deleting Azure Batch pool {}", poolId);
        return AzureBatchOperationResponse.of(true, Map.of(AzureBatchConstants.POOL_ID, poolId));
    }

    public AzureBatchOperationResponse resizePool(Exchange exchange) throws Exception {
        String poolId = required(options.getPoolId(exchange), "a poolId", AzureBatchOperations.resizePool);
        Integer dedicated = options.getTargetDedicatedNodes(exchange);
        Integer lowPriority = options.getTargetLowPriorityNodes(exchange);
        if (dedicated == null && lowPriority == null) {
            throw new IllegalArgumentException("resizePool needs targetDedicatedNodes or targetLowPriorityNodes (option or header)");
        }
        client.resizePool(poolId, dedicated, lowPriority);
        LOG.info("Resizing Azure Batch pool {} to {} dedicated, {} low-priority nodes", poolId, dedicated, lowPriority);
        return AzureBatchOperationResponse.of(true, Map.of(AzureBatchConstants.POOL_ID, poolId));
    }

    public AzureBatchOperationResponse listNodes(Exchange exchange) throws Exception {
        String poolId = required(options.getPoolId(exchange), "a poolId", AzureBatchOperations.listNodes);
        List<ComputeNode> nodes = client.listNodes(poolId, options.getFilter(exchange), options.getSelect(exchange),
                options.getMaxResults());
        return AzureBatchOperationResponse.of(nodes, Map.of(AzureBatchConstants.POOL_ID, poolId));
    }

    public AzureBatchOperationResponse getNodeFile(Exchange exchange) throws Exception {
        String poolId = required(options.getPoolId(exchange), "a poolId", AzureBatchOperations.getNodeFile);
        String nodeId = required(options.getNodeId(exchange), "a nodeId", AzureBatchOperations.getNodeFile);
        String filePath = required(options.getFilePath(exchange), "a filePath", AzureBatchOperations.getNodeFile);
        return FileDownloads.fetch(exchange, options, filePath, Map.of(AzureBatchConstants.POOL_ID, poolId,
                AzureBatchConstants.NODE_ID, nodeId, AzureBatchConstants.FILE_PATH, filePath),
                () -> client.nodeFileLength(poolId, nodeId, filePath),
                (range, sink) -> client.downloadNodeFile(poolId, nodeId, filePath, range, sink),
                range -> client.getNodeFile(poolId, nodeId, filePath, range));
    }

    private static AzureBatchOperationResponse poolResponse(CloudPool pool) {
        return AzureBatchOperationResponse.of(pool, Map.of(AzureBatchConstants.POOL_ID, pool.id()));
    }
}
