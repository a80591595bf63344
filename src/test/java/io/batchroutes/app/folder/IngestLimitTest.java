package io.batchroutes.app.folder;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.support.ScheduledBatchPollingConsumer;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

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
    void aScanTakesNoMoreThanTheRoomLeft() {
        AtomicLong inFlight = new AtomicLong();
        IngestLimit limit = new IngestLimit(inFlight::get, 500);
        ScheduledBatchPollingConsumer scanner = Mockito.mock(ScheduledBatchPollingConsumer.class, Mockito.CALLS_REAL_METHODS);
        scanner.setMaxMessagesPerPoll(200);
        assertThat(limit.begin(scanner, null)).isTrue();
        assertThat(scanner.getMaxMessagesPerPoll()).isEqualTo(200);
        inFlight.set(450);
        assertThat(limit.begin(scanner, null)).isTrue();
        assertThat(scanner.getMaxMessagesPerPoll()).isEqualTo(50);
        inFlight.set(499);
        assertThat(limit.begin(scanner, null)).isTrue();
        assertThat(scanner.getMaxMessagesPerPoll()).isEqualTo(1);
        inFlight.set(10);
        assertThat(limit.begin(scanner, null)).isTrue();
        assertThat(scanner.getMaxMessagesPerPoll()).isEqualTo(200);
    }

    @Test
    void onceHeldTheFolderIsScannedAgainWhenABundlesWorthIsFree() {
        AtomicLong inFlight = new AtomicLong(500);
        IngestLimit limit = new IngestLimit(inFlight::get, 500, 50);
        ScheduledBatchPollingConsumer scanner = Mockito.mock(ScheduledBatchPollingConsumer.class, Mockito.CALLS_REAL_METHODS);
        scanner.setMaxMessagesPerPoll(200);
        assertThat(limit.begin(scanner, null)).isFalse();
        inFlight.set(460);
        assertThat(limit.begin(scanner, null)).isFalse();
        inFlight.set(450);
        assertThat(limit.begin(scanner, null)).isTrue();
        assertThat(scanner.getMaxMessagesPerPoll()).isEqualTo(50);
        inFlight.set(499);
        assertThat(limit.begin(scanner, null)).isTrue();
        assertThat(scanner.getMaxMessagesPerPoll()).isEqualTo(1);
    }

    @Test
    void withoutAScanLimitOfItsOwnTheRoomIsTheLimit() {
        IngestLimit limit = new IngestLimit(() -> 100, 500);
        ScheduledBatchPollingConsumer scanner = Mockito.mock(ScheduledBatchPollingConsumer.class, Mockito.CALLS_REAL_METHODS);
        scanner.setMaxMessagesPerPoll(0);
        assertThat(limit.begin(scanner, null)).isTrue();
        assertThat(scanner.getMaxMessagesPerPoll()).isEqualTo(400);
    }

    @Test
    void theAutomaticLimitKeepsEverySlotBusyAndHasAFloor() {
        assertThat(IngestLimit.automatic(2, 50)).isEqualTo(500);
        assertThat(IngestLimit.automatic(40, 100)).isEqualTo(16_000);
        assertThat(IngestLimit.automatic(0, 1)).isEqualTo(500);
        assertThatThrownBy(() -> new IngestLimit(() -> 0, 0)).hasMessageContaining("max-in-flight");
    }
}
