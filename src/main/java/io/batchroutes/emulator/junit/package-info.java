/**
 * A JUnit 5 extension that gives a test class its own Batch emulator: {@link
 * io.batchroutes.emulator.junit.BatchEmulatorExtension}. Ships in the emulator's own jar
 * ({@code batch-routes-emulator-<version>.jar}); the test project brings JUnit Jupiter itself.
 */
package io.batchroutes.emulator.junit;
