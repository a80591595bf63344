package io.batchroutes.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Azurite for one test class (Camel's test-infra pattern), started before the class and stopped after it:
 * {@code @RegisterExtension static final AzuriteExtension AZURITE = new AzuriteExtension();}.
 */
public final class AzuriteExtension implements BeforeAllCallback, AfterAllCallback {

    private AzuriteForTests azurite;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        azurite = AzuriteForTests.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (azurite != null) {
            azurite.close();
        }
    }

    public AzuriteForTests azurite() {
        return azurite;
    }
}
