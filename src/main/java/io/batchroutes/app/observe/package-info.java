/**
 * What operators see: the pipeline's metrics on {@code /observe/metrics} ({@code PipelineMetrics}) and the
 * progress line while work runs ({@code ProgressReport}).
 */
package io.batchroutes.app.observe;
