/**
 * The live status page: one shared snapshot of the pool, its nodes, the job and the recent files, refreshed at a fixed
 * pace while someone looks (through the azure-batch component's operations only, so it works unchanged against real
 * Azure Batch), served on Camel's management server as a page ({@code /status}), as JSON ({@code /status/api}) and
 * printed by the {@code status} command; and a running task's output followed by ranged reads.
 */
package io.batchroutes.app.status;
