package io.batchroutes.testsupport;

import io.batchroutes.app.local.FreePort;

/** Loopback ports for tests, picked the way the daemon picks them for its local services. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A loopback port that was free a moment ago (nothing listens on it unless someone takes it now). */
    public static int pick() {
        return FreePort.pick();
    }
}
