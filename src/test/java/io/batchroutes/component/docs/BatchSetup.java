package io.batchroutes.component.docs;

import java.util.ArrayList;
import java.util.List;

import com.microsoft.azure.batch.protocol.models.ImageReference;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;

/** Builds the Batch request bodies the routes send: bound in the registry as "batchSetup". */
public class BatchSetup {

    /** A pool of one Ubuntu 22.04 node. */
    public PoolAddParameter pool(String poolId) {
        return new PoolAddParameter().withId(poolId).withVmSize("standard_d2s_v3").withTargetDedicatedNodes(1)
                .withVirtualMachineConfiguration(new VirtualMachineConfiguration()
                        .withImageReference(new ImageReference().withPublisher("canonical")
                                .withOffer("0001-com-ubuntu-server-jammy").withSku("22_04-lts").withVersion("latest"))
                        .withNodeAgentSKUId("batch.node.ubuntu 22.04"));
    }

    /** One task per line of the body, "id: command line". */
    public List<TaskAddParameter> tasks(String lines) {
        List<TaskAddParameter> tasks = new ArrayList<>();
        for (String line : lines.strip().split("\n")) {
            String[] idAndCommand = line.split(":", 2);
            tasks.add(new TaskAddParameter().withId(idAndCommand[0].strip())
                    .withCommandLine(idAndCommand[1].strip()));
        }
        return tasks;
    }
}
