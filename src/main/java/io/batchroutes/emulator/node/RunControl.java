package io.batchroutes.emulator.node;

import java.util.concurrent.atomic.AtomicReference;

/** Lets the scheduler end an attempt from another thread: terminate, delete, shutdown. */
public final class RunControl {
    private final AtomicReference<Process> process = new AtomicReference<>();
    private volatile boolean ended;

    /** Ends the attempt: kills the whole process tree if one runs, and stops it from starting otherwise. */
    public void end() {
        ended = true;
        Process p = process.get();
        if (p != null) {
            ProcessTrees.kill(p.toHandle());
        }
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
