package io.batchroutes.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * One configuration file that was read: where it is (for the start-up line and Camel's property locations), which
 * role it plays, and its keys and values.
 *
 * @param location   {@code classpath:application.properties} or an absolute path
 * @param role       {@code packaged}, {@code start folder} or {@code --config}
 * @param properties what it says
 */
record ConfigurationFile(String location, String role, Properties properties) {

    static final String PACKAGED_RESOURCE = "application.properties";

    /** The defaults packaged into the jar; every key the daemon knows is named there. */
    static ConfigurationFile packaged() {
        try (InputStream in = ConfigurationFile.class.getClassLoader().getResourceAsStream(PACKAGED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The packaged " + PACKAGED_RESOURCE + " is missing from the class path");
            }
            return new ConfigurationFile("classpath:" + PACKAGED_RESOURCE, "packaged", load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code file}; one line naming the file and the problem if it is missing, not a file or not readable. */
    static ConfigurationFile read(Path file, String role) {
        Path absolute = file.toAbsolutePath().normalize();
        String problem = !Files.exists(absolute) ? "no such file"
                : !Files.isRegularFile(absolute) ? "not a regular file"
                : !Files.isReadable(absolute) ? "not readable"
                : absolute.toString().contains(",") ? "a path with ',' cannot be used (Camel separates locations with ',')"
                : null;
        if (problem != null) {
            throw new IllegalArgumentException(role + " " + absolute + ": " + problem);
        }
        try (InputStream in = Files.newInputStream(absolute)) {
            return new ConfigurationFile(absolute.toString(), role, load(in));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(role + " " + absolute + ": cannot be read: " + e.getMessage());
        }
    }

    /** The location as Camel's PropertiesComponent takes it. */
    String camelLocation() {
        return location.startsWith("classpath:") ? location : "file:" + location;
    }

    /** As the start-up line names it: where, and in which role. */
    String describe() {
        return location + " (" + role + ")";
    }

    /** Read as Camel reads properties files (java.util.Properties, ISO-8859-1), so both see the same keys. */
    private static Properties load(InputStream in) throws IOException {
        Properties properties = new Properties();
        properties.load(in);
        return properties;
    }
}
