package io.batchroutes.component;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.ComputeNode;
import com.microsoft.azure.batch.protocol.models.ResizeError;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchErrors;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.util.ObjectHelper;

/**
 * Readiness of an azure-batch consumer or producer: the Batch account answers, and the configured pool (if any) is
 * usable: it exists, has no resize errors and no node in starttaskfailed or unusable. Details name the pool state,
 * the resize error codes and the bad nodes with their start task failure. It is a readiness check only: a Batch
 * outage is no reason to restart the application.
 */
public class AzureBatchHealthCheck extends AbstractHealthCheck {

    static final String BAD_NODES = "state eq 'starttaskfailed' or state eq 'unusable'";

    private final AzureBatchEndpoint endpoint;

    public AzureBatchHealthCheck(AzureBatchEndpoint endpoint, String id) {
        super("camel", id);
        this.endpoint = endpoint;
    }

    /**
     * Registers the check with the context's health check registry (present with Camel Main and camel-health, where it
     * shows in /observe/health); returns it, or null without a registry. (Camel 4 has no writable "components"
     * repository; the registry takes single checks.)
     */
    static AzureBatchHealthCheck register(AzureBatchEndpoint endpoint, String id, boolean enabled) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(endpoint.getCamelContext());
        if (registry == null) {
            return null;
        }
        AzureBatchHealthCheck check = new AzureBatchHealthCheck(endpoint, id);
        check.setEnabled(enabled);
        registry.register(check);
        return check;
    }

    static void unregister(AzureBatchEndpoint endpoint, AzureBatchHealthCheck check) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(endpoint.getCamelContext());
        if (check != null && registry != null) {
            registry.unregister(check);
        }
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        BatchClientWrapper client = endpoint.getClientWrapper();
        String poolId = endpoint.getConfiguration().getPoolId();
        builder.detail("account.url", String.valueOf(endpoint.getConfiguration().getAccountUrl()));
        if (client == null) {
            builder.message("The azure-batch endpoint is not started").down();
            return;
        }
        try {
            if (ObjectHelper.isEmpty(poolId)) {
                client.listPoolsFirstPage("id", 1);
                builder.up();
                return;
            }
            checkPool(builder, client, poolId);
        } catch (Exception e) {
            builder.detail("pool.id", poolId);
            if (BatchErrors.hasCode(e, BatchErrors.POOL_NOT_FOUND)) {
                builder.message("Azure Batch pool " + poolId + " does not exist").down();
                return;
            }
            builder.detail("error.code", String.valueOf(BatchErrors.code(e)));
            builder.message("Azure Batch is not reachable: " + BatchErrors.describe(e)).error(e).down();
        }
    }

    private static void checkPool(HealthCheckResultBuilder builder, BatchClientWrapper client, String poolId)
            throws Exception {
        CloudPool pool = client.getPool(poolId,
                "id,state,allocationState,resizeErrors,currentDedicatedNodes,currentLowPriorityNodes");
        builder.detail("pool.id", poolId);
        builder.detail("pool.state", String.valueOf(pool.state()));
        builder.detail("pool.allocationState", String.valueOf(pool.allocationState()));
        builder.detail("pool.currentDedicatedNodes", String.valueOf(pool.currentDedicatedNodes()));
        builder.detail("pool.currentLowPriorityNodes", String.valueOf(pool.currentLowPriorityNodes()));
        List<ResizeError> resizeErrors = pool.resizeErrors() == null ? List.of() : pool.resizeErrors();
        List<ComputeNode> badNodes = client.listNodes(poolId, BAD_NODES, "id,state,startTaskInfo", null);
        StringBuilder reasons = new StringBuilder();
        if (!resizeErrors.isEmpty()) {
            String codes = resizeErrors.stream().map(e -> e.code() + ": " + e.message()).collect(Collectors.joining("; "));
            builder.detail("pool.resizeErrors", codes);
            reasons.append("resize errors: ").append(codes);
        }
        if (!badNodes.isEmpty()) {
            String nodes = badNodes.stream().map(AzureBatchHealthCheck::describe).collect(Collectors.joining("; "));
            builder.detail("pool.badNodes", nodes);
            reasons.append(reasons.isEmpty() ? "" : "; ").append(badNodes.size()).append(" unusable nodes: ").append(nodes);
        }
        if (reasons.isEmpty()) {
            builder.up();
        } else {
            builder.message("Azure Batch pool " + poolId + " has " + reasons).down();
        }
    }

    private static String describe(ComputeNode node) {
        StringBuilder text = new StringBuilder(node.id()).append(" (").append(node.state());
        if (node.startTaskInfo() != null) {
            text.append(", start task exit code ").append(node.startTaskInfo().exitCode());
            if (node.startTaskInfo().failureInfo() != null) {
                text.append(", ").append(node.startTaskInfo().failureInfo().code()).append(": ")
                        .append(node.startTaskInfo().failureInfo().message());
            }
        }
        return text.append(')').toString();
    }
}
