package io.batchroutes.app;

import java.nio.file.Path;

import io.batchroutes.app.local.LocalToolCheck;
import io.batchroutes.app.worktype.WorkTypes;

import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.folder.StateFolders;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Checks the work types before anything starts (no local service, no route, no file touched): an unknown
 * placeholder, two types claiming the same files, an output that could escape, a program the local nodes lack.
 * Each problem is one line of the exception's message.
 */
final class ConfigurationCheck extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        WorkTypes workTypes = WorkTypes.fromProperties(properties::resolveProperty);
        boolean local = properties.resolveProperty("batchroutes.profile").orElse("local").trim().equals("local");
        boolean checkTools = Boolean.parseBoolean(properties.resolveProperty("batchroutes.local.check-tools").orElse("true").trim());
        if (local && checkTools) {
            LocalToolCheck.verify(workTypes, System.getenv().getOrDefault("PATH", ""));
        }
        Path input = Path.of(properties.resolveProperty("batchroutes.input-dir").orElse("InputFiles")).toAbsolutePath();
        Path output = Path.of(properties.resolveProperty("batchroutes.output-dir").orElse("OutputFiles")).toAbsolutePath();
        try {
            StateFolders.checkAtStart(new InputFolder(input), output);
        } catch (StateFolders.LinkedFolderException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
