package io.batchroutes.emulator.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Kills a process and every descendant, so {@code sh -c 'ffmpeg ...'} leaves nothing behind. */
public final class ProcessTrees {
    private static final long EXIT_WAIT_SECONDS = 5;

    private ProcessTrees() {
    }

    /** Sends SIGKILL to the tree and waits (briefly) until every member has gone. */
    public static void kill(ProcessHandle root) {
        // Snapshot first: once the parent dies its children are re-parented and no longer its descendants.
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(0, root);
        tree.forEach(ProcessHandle::destroyForcibly);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // A zombie nobody reaps still counts as ended for us.
        }
    }
}
