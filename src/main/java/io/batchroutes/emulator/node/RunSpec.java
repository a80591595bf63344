package io.batchroutes.emulator.node;

import io.batchroutes.emulator.model.OutputFile;
import io.batchroutes.emulator.model.ResourceFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One attempt of a task (or a start task) on a node.
 *
 * @param label           for log lines, e.g. {@code job j1 task t1}
 * @param taskDir         holds stdout.txt and stderr.txt
 * @param workingDir      the process's current directory, where resource files go
 * @param environment     variables added to the node's own environment (AZ_BATCH_*, job, then task settings)
 * @param maxWallClockTime null for unlimited
 */
public record RunSpec(String label, Path taskDir, Path workingDir, String commandLine, Map<String, String> environment,
        List<ResourceFile> resourceFiles, List<OutputFile> outputFiles, Duration maxWallClockTime) {
}
