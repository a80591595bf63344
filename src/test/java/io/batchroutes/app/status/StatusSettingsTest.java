package io.batchroutes.app.status;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatusSettingsTest {

    private static StatusSettings settings(Map<String, String> values) {
        return StatusSettings.from(key -> Optional.ofNullable(values.get(key)));
    }

    @Test
    void loopbackNeedsNoToken() {
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"}) {
            StatusSettings s = settings(Map.of("camel.management.host", host));
            assertThat(s.exposed()).as(host).isFalse();
            s.check();
        }
    }

    @Test
    void anExposedPageWithoutATokenIsRefusedWithTheKeyToSet() {
        StatusSettings s = settings(Map.of("camel.management.host", "0.0.0.0"));
        assertThat(s.exposed()).isTrue();
        assertThatThrownBy(s::check).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchroutes.status.token");
        settings(Map.of("camel.management.host", "0.0.0.0", "batchroutes.status.token", "s3cret")).check();
        settings(Map.of("camel.management.host", "0.0.0.0", "batchroutes.status.enabled", "false")).check();
        assertThat(settings(Map.of()).exposed()).as("Camel's default host is every interface").isTrue();
    }

    @Test
    void paceMustBePositive() {
        assertThat(settings(Map.of()).refresh().toMillis()).isEqualTo(2000);
        assertThatThrownBy(() -> settings(Map.of("batchroutes.status.refresh-millis", "0")))
                .hasMessageContaining("batchroutes.status.refresh-millis");
    }
}
