/**
 * The watched input folder and its visible states: which files are taken ({@code SupportedFileFilter}), the claim
 * into {@code processing/} ({@code InputFolder}), where reasons live, and whether a drop repeats an earlier one
 * ({@code RepeatedDrops}). Moving a file to {@code done/} or {@code failed/} is not done here: see {@code outcome}.
 */
package io.batchroutes.app.folder;
