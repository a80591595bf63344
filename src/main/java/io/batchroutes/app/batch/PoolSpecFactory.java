package io.batchroutes.app.batch;

import com.microsoft.azure.batch.protocol.models.AutoUserScope;
import com.microsoft.azure.batch.protocol.models.AutoUserSpecification;
import com.microsoft.azure.batch.protocol.models.ElevationLevel;
import com.microsoft.azure.batch.protocol.models.ImageReference;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.ResourceFile;
import com.microsoft.azure.batch.protocol.models.StartTask;
import com.microsoft.azure.batch.protocol.models.UserIdentity;
import com.microsoft.azure.batch.protocol.models.VirtualMachineConfiguration;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import io.batchroutes.app.staging.StagingArea;
import io.batchroutes.app.worktype.CommandLine;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;
import org.joda.time.Period;

/**
 * The pool the work runs on. Its start task places the node scripts in the node's shared folder and makes sure
 * every program a work type requires is there: on the emulator's local nodes it only checks (and fails with a
 * clear message), on real Azure nodes it installs them with apt-get, as the seed does.
 */
public final class PoolSpecFactory {

    /** What the start task does about the programs work types require. */
    public enum Requirements { CHECK, INSTALL }

    private static final Duration DEFAULT_AUTOSCALE_INTERVAL = Duration.ofMinutes(5);
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private final PoolSettings settings;
    private final WorkTypes workTypes;
    private final StagingArea staging;

    public PoolSpecFactory(PoolSettings settings, WorkTypes workTypes, StagingArea staging) {
        this.settings = settings;
        this.workTypes = workTypes;
        this.staging = staging;
    }

    public PoolAddParameter create() {
        PoolAddParameter pool = new PoolAddParameter()
                .withId(settings.poolId())
                .withVmSize(settings.vmSize())
                .withVirtualMachineConfiguration(new VirtualMachineConfiguration()
                        .withImageReference(new ImageReference().withPublisher("canonical")
                                .withOffer("0001-com-ubuntu-server-jammy").withSku("22_04-lts").withVersion("latest"))
                        .withNodeAgentSKUId("batch.node.ubuntu 22.04"))
                .withTaskSlotsPerNode(settings.taskSlotsPerNode())
                .withStartTask(startTask());
        if (settings.autoScale()) {
            return pool.withEnableAutoScale(true).withAutoScaleFormula(settings.autoScaleFormula())
                    .withAutoScaleEvaluationInterval(Period.seconds((int) (settings.autoScaleInterval() == null
                            ? DEFAULT_AUTOSCALE_INTERVAL : settings.autoScaleInterval()).toSeconds()).normalizedStandard());
        }
        return pool.withTargetDedicatedNodes(settings.dedicatedNodes()).withTargetLowPriorityNodes(settings.spotNodes());
    }

    StartTask startTask() {
        return new StartTask()
                .withCommandLine(CommandLine.join(List.of("/bin/sh", "-c", startScript())))
                .withResourceFiles(nodeFileNames().stream().map(name -> new ResourceFile()
                        .withHttpUrl(staging.nodeFileReadUrl(name)).withFilePath(name)).toList())
                .withUserIdentity(new UserIdentity().withAutoUser(new AutoUserSpecification()
                        .withScope(AutoUserScope.POOL).withElevationLevel(ElevationLevel.ADMIN)))
                .withWaitForSuccess(true)
                .withMaxTaskRetryCount(1);
    }

    String startScript() {
        List<String> programs = List.copyOf(workTypes.requiredPrograms());
        for (String program : programs) {
            if (!PROGRAM.matcher(program).matches()) {
                throw new IllegalArgumentException("Not a program name: '" + program + "' (in a work type's requires)");
            }
        }
        String prepare = settings.requirements() == Requirements.INSTALL && !programs.isEmpty()
                ? "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
                        + String.join(" ", settings.packages().isEmpty() ? programs : settings.packages()) + " && "
                : "";
        String checks = programs.stream()
                .map(p -> "command -v " + p + " >/dev/null 2>&1 || { echo '" + p
                        + " is not installed on this node: install it (Debian/Ubuntu: apt-get install " + p + ")' >&2; exit 1; }; ")
                .collect(Collectors.joining());
        List<String> files = nodeFileNames();
        String ship = files.isEmpty() ? "true" : "cp " + String.join(" ", files) + " \"$AZ_BATCH_NODE_SHARED_DIR/\"";
        return "set -e; " + prepare + checks + ship;
    }

    private List<String> nodeFileNames() {
        return workTypes.nodeFiles().stream().map(WorkType::nodeFileName).distinct().toList();
    }
}
