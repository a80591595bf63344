package io.batchroutes.emulator.service;

import io.batchroutes.emulator.node.NodeAgent;
import io.batchroutes.emulator.node.RunControl;
import io.batchroutes.emulator.node.RunResult;
import io.batchroutes.emulator.node.RunSpec;
import io.batchroutes.emulator.store.TaskRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

/**
 * The runs in progress — task attempt loops (keyed by {@link Scheduler#taskKey}) and start tasks (keyed by
 * {@link #startKey}) — so that a user's terminate, a node's removal or the emulator's stop can end them, and the one
 * retry loop start and preparation tasks share.
 */
final class Runs {
    /** A run in progress: a task attempt loop (with its task) or a start task (task null). */
    record Run(TaskRecord task, RunControl control) {
    }

    private final NodeAgent agent;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Runs(NodeAgent agent) {
        this.agent = agent;
    }

    NodeAgent agent() {
        return agent;
    }

    static String startKey(String nodeId) {
        return "start:" + nodeId;
    }

    void put(String key, Run run) {
        runs.put(key, run);
    }

    Run get(String key) {
        return runs.get(key);
    }

    void remove(String key) {
        runs.remove(key);
    }

    /** Ends a task's run, if it has one, recording how; returns whether it had. */
    boolean end(String key, String how) {
        Run run = runs.get(key);
        if (run == null) {
            return false;
        }
        if (run.task() != null) {
            run.task().endRequest = how;
        }
        run.control().end();
        return true;
    }

    /** Ends a node's start task, if it runs. */
    void endStartTask(String nodeId) {
        Run start = runs.get(startKey(nodeId));
        if (start != null) {
            start.control().end();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Ends every run (killing process trees); no run retries after this. */
    void closeAll() {
        closed = true;
        runs.values().forEach(r -> r.control().end());
    }

    /**
     * Runs a start or preparation task until it succeeds, is ended, or has used {@code maxRetries} retries (-1:
     * unlimited); {@code onRetry} records each retry's number before it runs.
     */
    RunResult runWithRetries(RunSpec spec, RunControl control, int maxRetries, IntConsumer onRetry) {
        int retries = 0;
        while (true) {
            RunResult result = agent.run(spec, control);
            if (result.succeeded() || control.isEnded() || closed || (maxRetries >= 0 && retries >= maxRetries)) {
                return result;
            }
            retries++;
            onRetry.accept(retries);
        }
    }
}
