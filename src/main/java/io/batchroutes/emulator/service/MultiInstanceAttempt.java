package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.ComputeNodeInformation;
import io.batchroutes.emulator.model.MultiInstanceSettings;
import io.batchroutes.emulator.model.SubtaskInformation;
import io.batchroutes.emulator.model.TaskFailureInformation;
import io.batchroutes.emulator.node.NodeAgent;
import io.batchroutes.emulator.node.RunControl;
import io.batchroutes.emulator.node.RunResult;
import io.batchroutes.emulator.node.RunSpec;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.NodeRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * One attempt of a multi-instance task, as the service documents it: the primary (instance 0) runs on the first
 * node, subtasks 1 to numberOfInstances - 1 on the others. Every instance downloads the common resource files into
 * its task shared directory and runs the coordination command; once all of them returned successfully, the primary
 * alone runs the application command (the task's command line, with its own resource and output files). A failing
 * coordination command fails the attempt; the subtasks complete when the primary does.
 */
final class MultiInstanceAttempt {
    /** Documented as the primary's IP address and a port reserved for the service; the emulator's nodes are local. */
    private static final int MASTER_PORT = 6000;

    private final NodeAgent agent;
    private final ExecutorService instances;

    /** @param instances runs the instances' coordination commands at once (a thread each, so none waits for a worker) */
    MultiInstanceAttempt(NodeAgent agent, ExecutorService instances) {
        this.agent = agent;
        this.instances = instances;
    }

    static int instanceCount(CloudTask task) {
        MultiInstanceSettings mi = task.multiInstanceSettings;
        return mi == null || mi.numberOfInstances == null ? 1 : mi.numberOfInstances;
    }

    /** The multi-instance variables for instance {@code index} ({@code AZ_BATCH_HOST_LIST} and the like). */
    static Map<String, String> variables(List<NodeRecord> nodes, int index, Path sharedDir) {
        List<String> ips = nodes.stream().map(n -> n.node.ipAddress).toList();
        StringBuilder ccp = new StringBuilder().append(nodes.size());
        ips.forEach(ip -> ccp.append(' ').append(ip).append(" 1"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AZ_BATCH_HOST_LIST", String.join(",", ips));
        env.put("AZ_BATCH_NODE_LIST", String.join(";", ips));
        env.put("AZ_BATCH_MASTER_NODE", ips.get(0) + ":" + MASTER_PORT);
        env.put("AZ_BATCH_IS_CURRENT_NODE_MASTER", String.valueOf(index == 0));
        env.put("AZ_BATCH_TASK_SHARED_DIR", sharedDir.toString());
        env.put("CCP_NODES", ccp.toString());
        return env;
    }

    /**
     * Runs the attempt. {@code primary} is the primary's application run (under the job's lock it moved the task to
     * running, or gave null when the task was ended); {@code instanceSpec} builds instance i's coordination run.
     */
    RunResult run(JobRecord job, TaskRecord rec, List<NodeRecord> nodes, RunControl control, RunSpec primary,
            Function<Integer, RunSpec> instanceSpec) {
        CloudTask task = rec.task;
        MultiInstanceSettings mi = task.multiInstanceSettings;
        job.locked(() -> rec.subtasks = subtasks(job.job, task, nodes));
        List<CompletableFuture<RunResult>> runs = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            RunSpec spec = instanceSpec.apply(i);
            Path shared = Path.of(spec.environment().get("AZ_BATCH_TASK_SHARED_DIR"));
            RunControl instanceControl = control.child();
            runs.add(CompletableFuture.supplyAsync(() -> coordinate(mi, spec, shared, instanceControl), instances));
        }
        List<RunResult> coordination = runs.stream().map(CompletableFuture::join).toList();
        RunResult failed = null;
        for (int i = 0; i < coordination.size(); i++) {
            RunResult r = coordination.get(i);
            if (r != null && !r.succeeded() && failed == null) {
                failed = r;
            }
            if (i > 0) {
                int index = i;
                job.locked(() -> recordCoordination(rec.subtasks.get(index - 1), r));
            }
        }
        RunResult result = failed != null ? failed : agent.run(primary, control);
        job.locked(() -> rec.subtasks.forEach(s -> complete(s, result)));
        return result;
    }

    private RunResult coordinate(MultiInstanceSettings mi, RunSpec spec, Path shared, RunControl control) {
        Instant start = Entities.now();
        TaskFailureInformation download = agent.download(mi.commonResourceFiles, shared, spec.label());
        if (download != null) {
            return new RunResult(start, Entities.now(), null, download, RunResult.Phase.PREPROCESSING);
        }
        if (mi.coordinationCommandLine == null) {
            return null;
        }
        return agent.run(spec, control);
    }

    private static List<SubtaskInformation> subtasks(CloudJob job, CloudTask task, List<NodeRecord> nodes) {
        List<SubtaskInformation> list = new ArrayList<>();
        Instant now = Entities.now();
        for (int i = 1; i < nodes.size(); i++) {
            NodeRecord node = nodes.get(i);
            SubtaskInformation s = new SubtaskInformation();
            s.id = i;
            s.state = "running";
            s.stateTransitionTime = now;
            s.startTime = now;
            ComputeNodeInformation ni = new ComputeNodeInformation();
            ni.poolId = task.nodeInfo == null ? null : task.nodeInfo.poolId;
            ni.nodeId = node.node.id;
            ni.nodeUrl = node.node.url;
            ni.affinityId = node.node.affinityId;
            ni.taskRootDirectory = "workitems/" + job.id + "/job-1/" + task.id + "/" + i;
            ni.taskRootDirectoryUrl = node.node.url + "/files/" + ni.taskRootDirectory;
            s.nodeInfo = ni;
            list.add(s);
        }
        return list;
    }

    private static void recordCoordination(SubtaskInformation s, RunResult r) {
        if (r == null) {
            return;
        }
        s.exitCode = r.exitCode();
        s.failureInfo = r.failureInfo();
        s.result = r.result();
    }

    private static void complete(SubtaskInformation s, RunResult primaryResult) {
        Instant now = Entities.now();
        s.previousState = s.state;
        s.previousStateTransitionTime = s.stateTransitionTime;
        s.state = "completed";
        s.stateTransitionTime = now;
        s.endTime = now;
        if (s.result == null) {
            s.result = primaryResult.succeeded() ? "success" : "failure";
        }
    }
}
