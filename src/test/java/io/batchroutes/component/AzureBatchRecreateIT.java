package io.batchroutes.component;

import java.time.Duration;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import com.microsoft.azure.batch.protocol.models.CloudPool;
import com.microsoft.azure.batch.protocol.models.JobState;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolState;
import io.batchroutes.component.client.BatchErrors;
import io.batchroutes.emulator.EmulatorSettings;
import io.batchroutes.testsupport.EmulatorExtension;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pool or job deleted and ensured again at once: the emulator keeps the old one {@code deleting} for 3 s (as the
 * service does, for longer) and answers 409 PoolBeingDeleted / JobBeingDeleted meanwhile; ensurePool and ensureJob
 * wait for it within deletionWaitTimeout.
 */
class AzureBatchRecreateIT extends CamelTestSupport {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension(
            EmulatorSettings.defaults().deleteDelay(Duration.ofSeconds(3)));

    private static PoolAddParameter pool(String id) {
        return new PoolAddParameter().withId(id).withVmSize("standard_d2s_v3").withTargetDedicatedNodes(1);
    }

    @Test
    void aPoolDeletedAndEnsuredAgainIsCreatedOnceTheOldOneIsGone() {
        CloudPool first = template.requestBody(EMULATOR.uri("", "&operation=ensurePool"), pool("re-pool"), CloudPool.class);
        template.sendBody(EMULATOR.uri("", "&operation=deletePool&poolId=re-pool"), null);

        CloudPool second = template.requestBody(EMULATOR.uri("", "&operation=ensurePool"), pool("re-pool"), CloudPool.class);

        assertThat(second.state()).isEqualTo(PoolState.ACTIVE);
        assertThat(second.creationTime()).isGreaterThan(first.creationTime());
    }

    @Test
    void aJobDeletedAndEnsuredAgainIsCreatedOnceTheOldOneIsGone() {
        template.requestBody(EMULATOR.uri("", "&operation=ensurePool"), pool("re-job-pool"), CloudPool.class);
        String ensureJob = EMULATOR.uri("re-job", "&operation=ensureJob&poolId=re-job-pool");
        CloudJob first = template.requestBody(ensureJob, null, CloudJob.class);
        template.sendBody(EMULATOR.uri("re-job", "&operation=deleteJob"), null);

        CloudJob second = template.requestBody(ensureJob, null, CloudJob.class);

        assertThat(second.state()).isEqualTo(JobState.ACTIVE);
        assertThat(second.creationTime()).isGreaterThan(first.creationTime());
    }

    @Test
    void withoutABudgetTheConflictSurfacesAndSaysWhy() {
        template.requestBody(EMULATOR.uri("", "&operation=ensurePool"), pool("re-impatient"), CloudPool.class);
        template.sendBody(EMULATOR.uri("", "&operation=deletePool&poolId=re-impatient"), null);

        assertThatThrownBy(() -> template.requestBody(EMULATOR.uri("", "&operation=ensurePool&deletionWaitTimeout=0"),
                pool("re-impatient"), CloudPool.class))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasStackTraceContaining("pool re-impatient is still being deleted after 0 ms")
                .satisfies(e -> assertThat(BatchErrors.code(e)).isEqualTo("PoolBeingDeleted"));
    }
}
