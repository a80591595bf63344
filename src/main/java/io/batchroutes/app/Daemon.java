package io.batchroutes.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.batchroutes.app.local.LocalProfile;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the Camel application that is the daemon: configuration, beans, YAML routes and the local profile. */
public final class Daemon {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private Daemon() {
    }

    /**
     * A daemon inside this JVM configured by the packaged defaults and the start folder's file; {@code overrides}
     * win over them (tests use them).
     */
    public static Main create(Map<String, String> overrides) {
        return create(ConfigurationSources.ofFiles(Path.of("")), overrides);
    }

    /**
     * A daemon configured by {@code sources}; {@code overrides} win over every source. An unknown
     * {@code batchroutes.*} key anywhere stops it here, before anything starts ({@link IllegalArgumentException}, one
     * line).
     */
    static Main create(ConfigurationSources sources, Map<String, String> overrides) {
        List<String> unknown = new KnownKeys(sources.files().get(0).properties()).problems(sources, overrides);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", unknown));
        }
        LOG.info(sources.describe());
        Main main = new Main();
        // Why a start-folder application.properties used to be ignored: Camel's PropertiesComponent gives a key to
        // the FIRST location that defines it (locations become sources ordered 100, 101, ...; a lookup stops at the
        // first that has the key; Camel Main itself puts application-<profile>.properties first for that reason).
        // The locations were "classpath:application.properties,file:application.properties", so the packaged
        // defaults won every key they define, and they define every key. Strongest first, then.
        main.setDefaultPropertyPlaceholderLocation(sources.camelLocations());
        // -D and the environment reach Camel as one override layer of ours (ConfigurationSources, EnvironmentKeys),
        // not through Camel Main's own handling, which disagrees with itself on which of the two wins.
        main.configure().setAutoConfigurationEnvironmentVariablesEnabled(false);
        main.configure().setAutoConfigurationSystemPropertiesEnabled(false);
        sources.commandLineAndEnvironment().forEach(main::addOverrideProperty);
        main.configure().addConfiguration(BatchRoutesBeans.class);
        overrides.forEach(main::addOverrideProperty);
        main.addMainListener(new ConfigurationCheck());
        main.addMainListener(io.batchroutes.app.status.StatusPage.startupCheck());
        main.addMainListener(new LocalProfile());
        return main;
    }
}
