/**
 * Blob storage as the pipeline uses it: the names of inputs and results, both directions, as pure functions
 * ({@code BlobLayout}); the containers, the SAS URLs handed to tasks and the clean-up of staged data
 * ({@code StagingArea}); which result blobs come back under which local names ({@code ResultPlan}); storage
 * readiness ({@code StorageHealthCheck}). Uploads and downloads themselves are steps of the routes.
 */
package io.batchroutes.app.staging;
