package io.batchroutes.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The emulator's own artifact ({@code mvn package} → {@code target/batch-routes-emulator-<version>.jar}): the emulator
 * and its JUnit extension, its HTTP/JSON/storage libraries, and nothing of the daemon, the Camel component, Camel or
 * the Batch SDK. PythonSdkIT runs it with {@code java -jar}.
 */
class EmulatorJarIT {
    @Test
    void holdsTheEmulatorAndNoCamel() throws Exception {
        Path jar = Path.of(System.getProperty("batchroutes.emulator.jar", "target/batch-routes-emulator.jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("io/batchroutes/emulator/EmulatorCommand.class",
                    "io/batchroutes/emulator/junit/BatchEmulatorExtension.class",
                    "io/netty/handler/codec/http/HttpServerCodec.class");
            assertThat(names).noneMatch(n -> n.startsWith("org/apache/camel/"))
                    .noneMatch(n -> n.startsWith("io/batchroutes/app/") || n.startsWith("io/batchroutes/component/"))
                    .noneMatch(n -> n.startsWith("com/microsoft/azure/batch/"))
                    .noneMatch(n -> n.startsWith("org/junit/"))
                    .noneMatch(n -> n.startsWith("routes/") || n.equals("application.properties"));
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo("io.batchroutes.emulator.EmulatorCommand");
        }
    }
}
