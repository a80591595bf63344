package io.batchroutes.app.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loopback ports for child services that cannot be told to pick one themselves. */
public final class FreePort {

    private FreePort() {
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The port recorded in {@code file} if it is free again, else a new one (recorded). A service keeps its address
     * across restarts of the daemon: URLs handed out before a crash (SAS URLs in a pool's start task, entity URLs)
     * stay valid.
     */
    public static int sticky(Path file) throws IOException {
        if (Files.exists(file)) {
            try {
                int previous = Integer.parseInt(Files.readString(file).strip());
                if (isFree(previous)) {
                    return previous;
                }
            } catch (NumberFormatException ignored) {
                // a damaged record: pick a new port
            }
        }
        int port = pick();
        PrivateFiles.directory(file.getParent());
        PrivateFiles.write(file, Integer.toString(port));
        return port;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
