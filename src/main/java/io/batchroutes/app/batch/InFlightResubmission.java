package io.batchroutes.app.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.observe.PipelineMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-attaches after a crash (at start, before the monitor runs). A file in {@code processing/} was staged (the move happens after the upload) and its
 * task queued; whether Batch got the task is unknown. Submitting it again is safe: the task id comes from the file
 * itself, so a task Batch has is answered {@code TaskExists} (adopted, running or finished), and a lost one is
 * created now. The monitor, started after this, then collects each exactly once.
 */
public final class InFlightResubmission {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightResubmission.class);

    private final InputFolder inputs;
    private final TaskDefinitionFactory tasks;
    private final PipelineMetrics metrics;

    public InFlightResubmission(InputFolder inputs, TaskDefinitionFactory tasks, PipelineMetrics metrics) {
        this.inputs = inputs;
        this.tasks = tasks;
        this.metrics = metrics;
    }

    public List<TaskAddParameter> inFlightTasks() throws IOException {
        List<TaskAddParameter> resubmit = new ArrayList<>();
        for (Path file : inputs.inFlight()) {
            String name = file.getFileName().toString();
            String taskId = TaskIdentity.taskId(name, Files.size(file), Files.getLastModifiedTime(file).toMillis());
            resubmit.add(tasks.create(taskId, name));
        }
        metrics.reattached(resubmit.size());
        if (!resubmit.isEmpty()) {
            LOG.info("Re-attaching {} file(s) that were in flight when the daemon last stopped", resubmit.size());
        }
        return resubmit;
    }
}
