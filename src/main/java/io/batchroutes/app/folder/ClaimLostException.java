package io.batchroutes.app.folder;

import java.io.IOException;

/** The file left the input folder between being picked up and being claimed: someone else has it. */
public final class ClaimLostException extends IOException {

    public ClaimLostException(String name) {
        super(name + " was taken from the input folder by another process before this one could claim it");
    }
}
