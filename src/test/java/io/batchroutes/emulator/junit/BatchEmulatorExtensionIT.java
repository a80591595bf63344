package io.batchroutes.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import io.batchroutes.emulator.BatchEmulator;
import io.batchroutes.emulator.EmulatorSettings;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension as another project's tests use it: each "user" class below runs through the JUnit launcher, as a
 * build tool runs it; afterwards the emulator must be gone (port closed) and its data folder deleted.
 */
class BatchEmulatorExtensionIT {
    static final List<BatchEmulator> SEEN = new ArrayList<>();

    /** A user's test class with the extension on the class: parameter and field injection. */
    @ExtendWith(BatchEmulatorExtension.class)
    static class UserTests {
        @BatchEmulatorExtension.Emulator
        static BatchEmulator fromStaticField;
        @BatchEmulatorExtension.Emulator
        BatchEmulator fromField;

        @Test
        void getsOneRunningEmulatorWithARandomKey(BatchEmulator fromParameter) throws Exception {
            assertThat(fromParameter).isSameAs(fromField).isSameAs(fromStaticField);
            assertThat(fromParameter.accountKey()).isNotEqualTo(EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY).hasSize(88);
            BatchClient client = BatchClient.open(new BatchSharedKeyCredentials(fromParameter.url(),
                    fromParameter.accountName(), fromParameter.accountKey()));
            assertThat(client.poolOperations().listPools()).isEmpty();
            assertThat(fromParameter.dataDir()).isDirectory();
            SEEN.add(fromParameter);
        }

        @Test
        void theSameEmulatorServesTheWholeClass(BatchEmulator emulator) {
            assertThat(emulator).isSameAs(fromStaticField);
        }
    }

    /** A user's test class that registers the extension with its own settings. */
    static class UserTestsWithSettings {
        @RegisterExtension
        static BatchEmulatorExtension batch = new BatchEmulatorExtension(
                s -> s.resizeDuration(Duration.ofSeconds(3)).accountName("myaccount"));

        @Test
        void appliesTheSettingsButKeepsItsOwnKeyAndPort() {
            BatchEmulator e = batch.emulator();
            assertThat(e.accountName()).isEqualTo("myaccount");
            assertThat(e.accountKey()).isNotEqualTo(EmulatorSettings.WELL_KNOWN_ACCOUNT_KEY);
            SEEN.add(e);
        }
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    @Test
    void startsBeforeTheClassAndIsGoneWithItsDataAfterwards() throws Exception {
        SEEN.clear();
        TestExecutionSummary summary = run(UserTests.class);
        summary.getFailures().forEach(f -> f.getException().printStackTrace());
        assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
        summary = run(UserTestsWithSettings.class);
        summary.getFailures().forEach(f -> f.getException().printStackTrace());
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);

        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0).accountKey()).isNotEqualTo(SEEN.get(1).accountKey());
        for (BatchEmulator e : SEEN) {
            Path data = e.dataDir();
            assertThat(data).as("the data folder is deleted").doesNotExist();
            URI url = URI.create(e.url());
            assertThat(url.getPort()).isPositive();
            boolean refused;
            try (Socket s = new Socket(url.getHost(), url.getPort())) {
                refused = false;
            } catch (ConnectException closed) {
                refused = true;
            }
            assertThat(refused).as("the emulator on " + url + " was stopped").isTrue();
        }
    }
}
