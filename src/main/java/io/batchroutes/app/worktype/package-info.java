/**
 * Work types: which input files a type takes, the argv template a node runs (never a shell), its outputs and how
 * results are named locally ({@code WorkType}, read from configuration by {@code WorkTypes}); POSIX command-line
 * quoting ({@code CommandLine}) and file-name length limits ({@code FileNames}). Depends on nothing else in app.
 */
package io.batchroutes.app.worktype;
