package io.batchroutes.app.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * With {@code batchroutes.profile=local} (the default), starts the local services before the routes are
 * configured, points the configuration at them, and has Camel stop them when it stops.
 */
public final class LocalProfile extends MainListenerSupport {

    private LocalServices services;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        String profile = properties.resolveProperty("batchroutes.profile").orElse("local").trim();
        if (!profile.equals("local")) {
            return;
        }
        Path dataDir = Path.of(properties.resolveProperty("batchroutes.local.data-dir").orElse(".batch-routes")).toAbsolutePath();
        Path azuriteHome = properties.resolveProperty("batchroutes.local.azurite-home").filter(s -> !s.isBlank())
                .map(Path::of).orElseGet(LocalServices::defaultAzuriteHome);
        try {
            services = LocalServices.start(dataDir, azuriteHome);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        services.properties().forEach(properties::addOverrideProperty);
        // Stopped with Camel, after the routes, however Camel is stopped (signal, Main.stop(), --once).
        try {
            main.getCamelContext().addService(services, true, true);
        } catch (Exception e) {
            services.close();
            throw new IllegalStateException("Cannot register the local services with Camel", e);
        }
    }
}
