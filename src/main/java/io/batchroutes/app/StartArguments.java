package io.batchroutes.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's own arguments: {@code --once}, {@code --config FILE} (or {@code --config=FILE}); the rest is passed to
 * Camel Main.
 */
record StartArguments(boolean once, Optional<String> config, List<String> rest) {

    static StartArguments parse(String... args) {
        boolean once = false;
        Optional<String> config = Optional.empty();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--once")) {
                once = true;
            } else if (arg.equals(ConfigurationSources.CONFIG_OPTION) || arg.startsWith(ConfigurationSources.CONFIG_OPTION + "=")) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : "";
                if (value.isBlank()) {
                    throw new IllegalArgumentException(ConfigurationSources.CONFIG_OPTION + " needs a file: --config FILE");
                }
                config = Optional.of(value);
            } else {
                rest.add(arg);
            }
        }
        return new StartArguments(once, config, List.copyOf(rest));
    }
}
