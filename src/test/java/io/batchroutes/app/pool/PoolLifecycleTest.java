package io.batchroutes.app.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.batch.protocol.models.CloudPool;
import java.time.Duration;
import java.time.Instant;
import io.batchroutes.app.observe.PipelineMetrics;
import io.batchroutes.testsupport.MutableClock;
import org.joda.time.DateTime;
import org.junit.jupiter.api.Test;

class PoolLifecycleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final PipelineMetrics metrics = new PipelineMetrics(null, () -> 0);

    private void advance(Duration d) {
        clock.advance(d);
    }

    @Test
    void scalesDownAfterTheIdleTimeAndBackWhenWorkArrives() {
        PoolLifecycle policy = new PoolLifecycle("p", metrics, Duration.ofMinutes(15), null, false, clock);
        metrics.received();
        advance(Duration.ofHours(1));
        assertThat(policy.decide()).as("busy").isEqualTo(PoolLifecycle.NONE);
        metrics.succeeded(Duration.ZERO, Duration.ZERO);
        advance(Duration.ofMinutes(14));
        assertThat(policy.decide()).isEqualTo(PoolLifecycle.NONE);
        advance(Duration.ofMinutes(2));
        assertThat(policy.decide()).isEqualTo(PoolLifecycle.SCALE_DOWN);
        assertThat(policy.decide()).as("until confirmed, decided again").isEqualTo(PoolLifecycle.SCALE_DOWN);
        policy.scaledDown();
        assertThat(policy.decide()).isEqualTo(PoolLifecycle.NONE);
        metrics.received();
        assertThat(policy.decide()).isEqualTo(PoolLifecycle.RESTORE);
        policy.restored();
        assertThat(policy.decide()).isEqualTo(PoolLifecycle.NONE);
    }

    @Test
    void deletesAnOldIdlePoolAndCreatesItAgainForNewWork() {
        PoolLifecycle policy = new PoolLifecycle("p", metrics, null, Duration.ofHours(8), false, clock);
        policy.provisioned(new CloudPool().withCreationTime(new DateTime(clock.instant().minus(Duration.ofHours(7)).toEpochMilli())));
        metrics.received();
        advance(Duration.ofHours(2));
        assertThat(policy.decide()).as("too old but busy").isEqualTo(PoolLifecycle.NONE);
        metrics.failed(Duration.ZERO);
        assertThat(policy.decide()).isEqualTo(PoolLifecycle.DELETE);
        policy.deleted();
        assertThat(policy.decide()).isEqualTo(PoolLifecycle.NONE);
        metrics.received();
        assertThat(policy.decide()).isEqualTo(PoolLifecycle.RECREATE);
        policy.recreated(new CloudPool().withCreationTime(new DateTime(clock.instant().toEpochMilli())));
        metrics.succeeded(Duration.ZERO, Duration.ZERO);
        assertThat(policy.decide()).isEqualTo(PoolLifecycle.NONE);
    }

    @Test
    void anAutoscalingPoolIsLeftToItsFormulaAndAScaledDownPoolFoundAtStartIsRestoredOnWork() {
        PoolLifecycle autoscaled = new PoolLifecycle("p", metrics, Duration.ofMinutes(1), null, true, clock);
        advance(Duration.ofHours(1));
        assertThat(autoscaled.decide()).isEqualTo(PoolLifecycle.NONE);

        PoolLifecycle restarted = new PoolLifecycle("p", metrics, Duration.ofMinutes(1), null, false, clock);
        restarted.provisioned(new CloudPool().withTargetDedicatedNodes(0).withTargetLowPriorityNodes(0));
        metrics.reattached(1);
        assertThat(restarted.decide()).isEqualTo(PoolLifecycle.RESTORE);
    }
}
