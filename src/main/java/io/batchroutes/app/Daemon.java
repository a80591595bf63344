package io.batchroutes.app;

import java.util.Map;

import io.batchroutes.app.local.LocalProfile;
import org.apache.camel.main.Main;

/** Builds the Camel application that is the daemon: configuration, beans, YAML routes and the local profile. */
public final class Daemon {

    /** The packaged defaults, then an application.properties in the start folder. */
    static final String PROPERTY_LOCATIONS = "classpath:application.properties;optional=true,file:application.properties;optional=true";

    private Daemon() {
    }

    /** A daemon; {@code overrides} win over every other source (tests use them). */
    public static Main create(Map<String, String> overrides) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(PROPERTY_LOCATIONS);
        main.configure().addConfiguration(BatchRoutesBeans.class);
        overrides.forEach(main::addOverrideProperty);
        main.addMainListener(new ConfigurationCheck());
        main.addMainListener(new LocalProfile());
        return main;
    }
}
