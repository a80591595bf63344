/**
 * What is sent to Azure Batch: the task for one file ({@code TaskDefinitionFactory}) with its deterministic id
 * ({@code TaskIdentity}), the pool ({@code PoolSpecFactory}, {@code PoolSettings}), resubmitting files left in
 * flight by a crash ({@code InFlightResubmission}) and which provisioning failures are retried
 * ({@code ProvisioningRetries}). The calls are made by the routes through the {@code azure-batch:} component.
 */
package io.batchroutes.app.batch;
