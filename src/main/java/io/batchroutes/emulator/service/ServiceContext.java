package io.batchroutes.emulator.service;

import io.batchroutes.emulator.store.BatchStore;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What the services share.
 *
 * @param accountUrl the emulator's own URL, e.g. {@code http://127.0.0.1:PORT}, for entity {@code url} fields
 * @param nodesDir   parent of the node directories ({@code <dataDir>/nodes})
 */
public record ServiceContext(BatchStore store, String accountName, Supplier<String> accountUrl, Path nodesDir) {
}
