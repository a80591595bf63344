package io.batchroutes.app;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs where health and metrics really are. Camel's own endpoint summary (MainHttpServerUtil, silenced in
 * log4j2.properties) always prints {@code http://0.0.0.0:<port>}, whatever {@code camel.management.host} binds.
 */
final class ManagementAddress {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementAddress.class);

    private ManagementAddress() {
    }

    /** One line with the bound host and port, once the context has started (nothing if management is off). */
    static void log(CamelContext context) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        if (server != null) {
            String base = "http://" + server.getHost() + ":" + server.getPort();
            LOG.info("Health {}/observe/health, metrics {}/observe/metrics", base, base);
        }
    }
}
