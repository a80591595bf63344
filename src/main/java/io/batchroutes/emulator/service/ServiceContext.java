package io.batchroutes.emulator.service;

import io.batchroutes.emulator.node.AutoStorage;
import io.batchroutes.emulator.store.BatchStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the services share.
 *
 * @param accountUrl           the emulator's own URL, e.g. {@code http://127.0.0.1:PORT}, for entity {@code url} fields
 * @param nodesDir             parent of the node directories ({@code <dataDir>/nodes})
 * @param autoScaleMinInterval the shortest autoscale evaluation interval accepted
 * @param autoStorage          the storage account linked to the Batch account, or null when there is none
 * @param deleteDelay          how long a deleted pool, job or job schedule stays {@code deleting}
 * @param resizeDuration       how long a pool stays {@code resizing} and a node {@code starting}, {@code rebooting}
 *                             or {@code reimaging} (zero: at once)
 * @param applications         the application package store
 */
public record ServiceContext(BatchStore store, String accountName, Supplier<String> accountUrl, Path nodesDir,
        Duration autoScaleMinInterval, AutoStorage autoStorage, Duration deleteDelay, Duration resizeDuration,
        ApplicationService applications) {
}
