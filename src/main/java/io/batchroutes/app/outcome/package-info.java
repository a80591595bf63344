/**
 * How a dropped file ends: {@code FileOutcomes} alone moves inputs to {@code done/} or {@code failed/}, writes the
 * reason files (all built by {@code FailureReason}), counts succeeded and failed files and deletes staged data.
 * {@code IngestFailures} and {@code SubmissionFailures} are error handlers of the routes that turn an exception
 * into an outcome.
 */
package io.batchroutes.app.outcome;
