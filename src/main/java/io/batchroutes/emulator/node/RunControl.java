package io.batchroutes.emulator.node;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** Lets the scheduler end an attempt from another thread: terminate, delete, shutdown. */
public final class RunControl {
    private final AtomicReference<Process> process = new AtomicReference<>();
    private final List<RunControl> children = new CopyOnWriteArrayList<>();
    private volatile boolean ended;

    /** Ends the attempt: kills the whole process tree if one runs, and stops it from starting otherwise. */
    public void end() {
        ended = true;
        children.forEach(RunControl::end);
        Process p = process.get();
        if (p != null) {
            ProcessTrees.kill(p.toHandle());
        }
    }

    /** A control for one of several processes of this run (a multi-instance task's instances): ended with it. */
    public RunControl child() {
        RunControl child = new RunControl();
        children.add(child);
        if (ended) {
            child.end();
        }
        return child;
    }

    public boolean isEnded() {
        return ended;
    }

    void attach(Process p) {
        process.set(p);
        if (ended) {
            ProcessTrees.kill(p.toHandle());
        }
    }
}
