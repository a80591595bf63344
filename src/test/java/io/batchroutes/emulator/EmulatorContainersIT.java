package io.batchroutes.emulator;

import static io.batchroutes.emulator.EmulatorJobSchedulesIT.assertBatchError;
import static io.batchroutes.emulator.EmulatorSdkIT.id;
import static io.batchroutes.emulator.EmulatorSdkIT.pool;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.batch.BatchClient;
import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import com.microsoft.azure.batch.protocol.models.ContainerConfiguration;
import com.microsoft.azure.batch.protocol.models.ContainerType;
import com.microsoft.azure.batch.protocol.models.JobAddParameter;
import com.microsoft.azure.batch.protocol.models.JobManagerTask;
import com.microsoft.azure.batch.protocol.models.JobSpecification;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.PoolInformation;
import com.microsoft.azure.batch.protocol.models.Schedule;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskContainerSettings;
import io.batchroutes.testsupport.EmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Containers need a container engine: pools and tasks that ask for one get 501 NotImplemented naming the property. */
class EmulatorContainersIT {
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();

    private static BatchClient client() {
        return EMULATOR.client();
    }

    @Test
    void containerPoolsAndTasksAreRefusedClearly() throws Exception {
        PoolAddParameter containers = pool(id("pool"), 1, 1);
        containers.virtualMachineConfiguration().withContainerConfiguration(new ContainerConfiguration()
                .withType(ContainerType.DOCKER_COMPATIBLE));
        assertThatThrownBy(() -> client().poolOperations().createPool(containers))
                .isInstanceOfSatisfying(BatchErrorException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.response().code()).isEqualTo(501);
                    org.assertj.core.api.Assertions.assertThat(e.body().message().value())
                            .contains("virtualMachineConfiguration.containerConfiguration", "container engine");
                });

        String poolId = id("pool");
        client().poolOperations().createPool(pool(poolId, 0, 1));
        String jobId = id("job");
        client().jobOperations().createJob(jobId, new PoolInformation().withPoolId(poolId));
        TaskContainerSettings image = new TaskContainerSettings().withImageName("ubuntu");
        assertBatchError(() -> client().taskOperations().createTask(jobId, new TaskAddParameter().withId("t")
                .withCommandLine("/bin/true").withContainerSettings(image)), 501, "NotImplemented");
        assertBatchError(() -> client().jobOperations().createJob(new JobAddParameter().withId(id("job"))
                .withPoolInfo(new PoolInformation().withPoolId(poolId)).withJobManagerTask(new JobManagerTask()
                        .withId("m").withCommandLine("/bin/true").withContainerSettings(image))), 501, "NotImplemented");
        assertBatchError(() -> client().jobScheduleOperations().createJobSchedule(id("sched"), new Schedule(),
                new JobSpecification().withPoolInfo(new PoolInformation().withPoolId(poolId)).withJobManagerTask(
                        new JobManagerTask().withId("m").withCommandLine("/bin/true").withContainerSettings(image))),
                501, "NotImplemented");
    }
}
