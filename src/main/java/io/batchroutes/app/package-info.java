/**
 * The daemon itself: {@code BatchRoutesMain} (command line, {@code --once}, {@code emulator}), {@code Daemon} (the
 * Camel Main with configuration, beans and routes), {@code BatchRoutesBeans} (every bean the YAML routes name),
 * start-up checks and the start-up latch, the one-shot run. The pipeline steps themselves are the routes in
 * {@code routes/}; each sub-package owns one responsibility and says so in its package-info.
 */
package io.batchroutes.app;
