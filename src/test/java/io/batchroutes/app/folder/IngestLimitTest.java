package io.batchroutes.app.folder;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestLimitTest {

    @Test
    void noScanWhileTheLimitIsInFlight() {
        AtomicLong inFlight = new AtomicLong();
        IngestLimit limit = new IngestLimit(inFlight::get, 3);
        assertThat(limit.begin(null, null)).isTrue();
        inFlight.set(3);
        assertThat(limit.begin(null, null)).isFalse();
        inFlight.set(2);
        assertThat(limit.begin(null, null)).isTrue();
    }

    @Test
    void theAutomaticLimitKeepsEverySlotBusyAndHasAFloor() {
        assertThat(IngestLimit.automatic(2, 50)).isEqualTo(500);
        assertThat(IngestLimit.automatic(40, 100)).isEqualTo(16_000);
        assertThat(IngestLimit.automatic(0, 1)).isEqualTo(500);
        assertThatThrownBy(() -> new IngestLimit(() -> 0, 0)).hasMessageContaining("max-in-flight");
    }
}
