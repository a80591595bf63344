/**
 * What tests share: waiting on conditions with deadlines ({@code Await}, {@code BatchTasks}), the real services as
 * JUnit extensions built on the production classes ({@code EmulatorExtension}, {@code AzuriteExtension},
 * {@code AzuriteForTests}), free loopback ports ({@code FreePorts}) and dropping files as a user does
 * ({@code Drops}).
 */
package io.batchroutes.testsupport;
