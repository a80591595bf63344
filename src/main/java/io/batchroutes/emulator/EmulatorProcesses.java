package io.batchroutes.emulator;

import io.batchroutes.emulator.node.NodeAgent;

/** What a process embedding the emulator sets up before anything starts, so it need not know the node package. */
public final class EmulatorProcesses {

    private EmulatorProcesses() {
    }

    /** Task processes start faster with vfork on Linux before Java 22; call before the first process starts. */
    public static void preferFastProcessLaunch() {
        NodeAgent.preferFastProcessLaunch();
    }
}
