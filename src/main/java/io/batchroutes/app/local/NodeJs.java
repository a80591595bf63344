package io.batchroutes.app.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Node.js executable ({@code node}) Azurite runs on. */
final class NodeJs {

    private NodeJs() {
    }

    static String locate() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("Node.js is not on the PATH: the local profile runs Azurite on it. Install Node.js 20 "
                + "(Debian: apt-get install nodejs npm), or use a real storage account: batchroutes.profile=azure with "
                + "batchroutes.storage.connection-string.");
    }
}
