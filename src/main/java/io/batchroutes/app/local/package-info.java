/**
 * The embedded default profile: Azurite and the Batch emulator as local services on loopback ports
 * ({@code LocalProfile}, {@code LocalServices}, {@code AzuriteServer}), finding Node.js ({@code NodeJs}), ports that
 * survive restarts ({@code FreePort}), ending services a killed daemon left behind ({@code StalePid}) and checking
 * that required programs are on this machine ({@code LocalToolCheck}).
 */
package io.batchroutes.app.local;
