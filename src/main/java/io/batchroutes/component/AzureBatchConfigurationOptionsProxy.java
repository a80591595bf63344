package io.batchroutes.component;

import java.util.function.Supplier;

import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;

/**
 * Reads an option for one exchange: the header wins over the endpoint's configuration. The one place where headers
 * override options, so every operation resolves them the same way.
 */
public class AzureBatchConfigurationOptionsProxy {

    private final AzureBatchConfiguration configuration;

    public AzureBatchConfigurationOptionsProxy(AzureBatchConfiguration configuration) {
        this.configuration = configuration;
    }

    public AzureBatchConfiguration getConfiguration() {
        return configuration;
    }

    /** The operation of the header, else of the endpoint; an unknown name is an IllegalArgumentException. */
    public AzureBatchOperations getOperation(Exchange exchange) {
        Object header = exchange == null ? null : exchange.getIn().getHeader(AzureBatchConstants.OPERATION);
        if (header instanceof AzureBatchOperations operation) {
            return operation;
        }
        if (header != null && !header.toString().isBlank()) {
            String name = header.toString().trim();
            for (AzureBatchOperations operation : AzureBatchOperations.values()) {
                if (operation.name().equals(name)) {
                    return operation;
                }
            }
            throw new IllegalArgumentException("Unknown azure-batch operation '" + name + "'; known operations: "
                                               + java.util.Arrays.toString(AzureBatchOperations.values()));
        }
        return configuration.getOperation();
    }

    public String getJobId(Exchange exchange) {
        return option(exchange, AzureBatchConstants.JOB_ID, String.class, configuration::getJobId);
    }

    public String getPoolId(Exchange exchange) {
        return option(exchange, AzureBatchConstants.POOL_ID, String.class, configuration::getPoolId);
    }

    public String getTaskId(Exchange exchange) {
        return option(exchange, AzureBatchConstants.TASK_ID, String.class, configuration::getTaskId);
    }

    public String getNodeId(Exchange exchange) {
        return option(exchange, AzureBatchConstants.NODE_ID, String.class, configuration::getNodeId);
    }

    public String getFilter(Exchange exchange) {
        return option(exchange, AzureBatchConstants.FILTER, String.class, configuration::getFilter);
    }

    public String getSelect(Exchange exchange) {
        return option(exchange, AzureBatchConstants.SELECT, String.class, configuration::getSelect);
    }

    public String getFilePath(Exchange exchange) {
        return option(exchange, AzureBatchConstants.FILE_PATH, String.class, configuration::getFilePath);
    }

    public String getFileDestination(Exchange exchange) {
        return option(exchange, AzureBatchConstants.FILE_DESTINATION, String.class, configuration::getFileDestination);
    }

    public Long getFileOffset(Exchange exchange) {
        return option(exchange, AzureBatchConstants.FILE_OFFSET, Long.class, configuration::getFileOffset);
    }

    public Long getFileMaxBytes(Exchange exchange) {
        return option(exchange, AzureBatchConstants.FILE_MAX_BYTES, Long.class, configuration::getFileMaxBytes);
    }

    public AzureBatchFileResultType getFileResultType() {
        AzureBatchFileResultType type = configuration.getFileResultType();
        return type == null ? AzureBatchFileResultType.bytes : type;
    }

    public Integer getTargetDedicatedNodes(Exchange exchange) {
        return option(exchange, AzureBatchConstants.TARGET_DEDICATED_NODES, Integer.class,
                configuration::getTargetDedicatedNodes);
    }

    public Integer getTargetLowPriorityNodes(Exchange exchange) {
        return option(exchange, AzureBatchConstants.TARGET_LOW_PRIORITY_NODES, Integer.class,
                configuration::getTargetLowPriorityNodes);
    }

    public String getNodeAgentSkuPrefix(Exchange exchange) {
        return option(exchange, AzureBatchConstants.NODE_AGENT_SKU_PREFIX, String.class,
                configuration::getNodeAgentSkuPrefix);
    }

    public Integer getMaxResults() {
        return configuration.getMaxResults();
    }

    /** The value or an IllegalArgumentException naming what is missing. */
    public static String required(String value, String what, AzureBatchOperations operation) {
        if (ObjectHelper.isEmpty(value)) {
            throw new IllegalArgumentException(operation + " needs " + what + " (option or header)");
        }
        return value;
    }

    private static <T> T option(Exchange exchange, String header, Class<T> type, Supplier<T> fallback) {
        T value = exchange == null ? null : exchange.getIn().getHeader(header, type);
        return ObjectHelper.isEmpty(value) ? fallback.get() : value;
    }
}
