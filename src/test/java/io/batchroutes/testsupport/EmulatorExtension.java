package io.batchroutes.testsupport;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.auth.BatchSharedKeyCredentials;
import io.batchroutes.emulator.BatchEmulator;
import io.batchroutes.emulator.EmulatorSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Batch emulator for one test class (Camel's test-infra pattern): started before the class, stopped
 * after it, with a Java SDK client for it ({@link #client()}). Register it as
 * {@code @RegisterExtension static final EmulatorExtension EMULATOR = new EmulatorExtension();}.
 */
public final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback {

    private final EmulatorSettings settings;
    private BatchEmulator emulator;
    private BatchClient client;

    public EmulatorExtension() {
        this(EmulatorSettings.defaults());
    }

    /** With settings of its own, e.g. fault injection. */
    public EmulatorExtension(EmulatorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = BatchEmulator.start(settings);
        client = sdkClient(emulator);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
        }
    }

    public BatchEmulator emulator() {
        return emulator;
    }

    /** The unmodified Java Batch SDK's client for this emulator, as an application opens it. */
    public BatchClient client() {
        return client;
    }

    /** The same for any emulator (one a test starts and stops itself, e.g. to restart it). */
    public static BatchClient sdkClient(BatchEmulator emulator) {
        return BatchClient.open(new BatchSharedKeyCredentials(emulator.url(), emulator.accountName(), emulator.accountKey()));
    }

    /** An {@code azure-batch:} URI for a job on this emulator, with fast retries; {@code options} start with {@code &}. */
    public String uri(String jobId, String options) {
        return "azure-batch:" + jobId + "?accountUrl=" + emulator.url() + "&accountName=" + emulator.accountName()
               + "&accountKey=RAW(" + emulator.accountKey() + ")&retryDelay=100" + options;
    }
}
