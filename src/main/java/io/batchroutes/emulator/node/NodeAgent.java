package io.batchroutes.emulator.node;

import io.batchroutes.emulator.model.ResourceFile;
import io.batchroutes.emulator.model.TaskFailureInformation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node agent: runs one attempt of a task the way a Batch node does. Creates the task directory, downloads the
 * resource files into {@code wd}, starts the command line as a process (never through a shell), with stdout and
 * stderr going to {@code stdout.txt} and {@code stderr.txt}, enforces the wall-clock limit, then uploads the output
 * files. It knows nothing about HTTP or the service's state; the caller records the result.
 */
public final class NodeAgent {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    /** Inherited variables with this prefix configure the emulator (maybe its key) and are not passed to tasks. */
    public static final String EMULATOR_ENV_PREFIX = "BATCH_EMULATOR_";

    private final ResourceFileDownloader downloader;
    private final OutputFileUploader uploader;

    public NodeAgent() {
        BlobHttp http = new BlobHttp();
        StorageRetry retry = new StorageRetry();
        this.downloader = new ResourceFileDownloader(http, retry);
        this.uploader = new OutputFileUploader(retry, new BlobPut(http));
    }

    /**
     * Spawns task processes with vfork instead of the JDK's default posix_spawn through a helper executable (two execs
     * per task): 527 → 715 trivial tasks/s in bench/emulator_benchmark.py. Call before the JVM starts its first
     * process; an explicit {@code -Djdk.lang.Process.launchMechanism} wins, and JDKs from 22 on (where VFORK is
     * deprecated) keep their default.
     */
    public static void preferFastProcessLaunch() {
        if (System.getProperty("jdk.lang.Process.launchMechanism") == null && Runtime.version().feature() < 22
                && System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            System.setProperty("jdk.lang.Process.launchMechanism", "VFORK");
        }
    }

    /** Creates the directory tree of a node under {@code root}. */
    public void prepareNode(Path root) throws IOException {
        for (String dir : List.of("shared", "startup", "workitems", "applications", "fsmounts", "volatile")) {
            Files.createDirectories(root.resolve(dir));
        }
    }

    /**
     * Downloads resource files into {@code dir} (a multi-instance task's common resource files go to its shared
     * directory); returns the first failure, or null.
     */
    public TaskFailureInformation download(List<ResourceFile> files, Path dir, String label) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return NodeFailures.failure("ResourceDirectoryCreateFailed", "Could not create the directory",
                    "Message", e.getMessage());
        }
        for (ResourceFile rf : nullToEmpty(files)) {
            TaskFailureInformation failure = downloader.download(rf, dir, label);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    /** Runs one attempt; never throws for task-level problems. */
    public RunResult run(RunSpec spec, RunControl control) {
        Instant start = now();
        long deadlineNanos = spec.maxWallClockTime() == null ? Long.MAX_VALUE
                : System.nanoTime() + Math.min(spec.maxWallClockTime().toNanos(), Long.MAX_VALUE / 4);
        try {
            Files.createDirectories(spec.workingDir());
            Files.write(spec.taskDir().resolve("stdout.txt"), new byte[0]);
            Files.write(spec.taskDir().resolve("stderr.txt"), new byte[0]);
        } catch (IOException e) {
            return new RunResult(start, now(), null, NodeFailures.failure("ResourceDirectoryCreateFailed",
                    "Could not create the task directory", "Message", e.getMessage()), RunResult.Phase.PREPROCESSING);
        }
        for (ResourceFile rf : nullToEmpty(spec.resourceFiles())) {
            if (control.isEnded()) {
                return new RunResult(start, now(), null, NodeFailures.endedByUser(), RunResult.Phase.PROCESS);
            }
            TaskFailureInformation failure = downloader.download(rf, spec.workingDir(), spec.label());
            if (failure != null) {
                return finish(spec, start, null, failure, RunResult.Phase.PREPROCESSING);
            }
        }
        ProcessOutcome outcome = runProcess(spec, control, deadlineNanos);
        return finish(spec, start, outcome.exitCode, outcome.failure,
                outcome.failure == null ? null : RunResult.Phase.PROCESS);
    }

    private RunResult finish(RunSpec spec, Instant start, Integer exitCode, TaskFailureInformation failure,
            RunResult.Phase phase) {
        if (!nullToEmpty(spec.outputFiles()).isEmpty()) {
            TaskFailureInformation uploadFailure = uploader.upload(spec.outputFiles(), spec.workingDir(),
                    failure == null, spec.label());
            if (uploadFailure != null && failure == null) {
                failure = uploadFailure;
                phase = RunResult.Phase.UPLOAD;
            }
        }
        return new RunResult(start, now(), exitCode, failure, phase);
    }

    private record ProcessOutcome(Integer exitCode, TaskFailureInformation failure) {
    }

    private ProcessOutcome runProcess(RunSpec spec, RunControl control, long deadlineNanos) {
        List<String> argv;
        try {
            argv = CommandLineSplitter.split(spec.commandLine());
        } catch (IllegalArgumentException e) {
            return new ProcessOutcome(null, NodeFailures.failure("CommandLaunchFailed",
                    "The command line could not be parsed", "Message", e.getMessage()));
        }
        if (argv.isEmpty()) {
            return new ProcessOutcome(null, NodeFailures.failure("CommandLaunchFailed", "The command line is empty"));
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(spec.workingDir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(spec.taskDir().resolve("stdout.txt").toFile())
                .redirectError(spec.taskDir().resolve("stderr.txt").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith(EMULATOR_ENV_PREFIX));
        env.putAll(spec.environment());
        Process process;
        try {
            if (control.isEnded()) {
                return new ProcessOutcome(null, NodeFailures.endedByUser());
            }
            process = pb.start();
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            boolean notFound = message.contains("error=2,") || message.contains("No such file");
            LOG.warn("{}: could not start '{}': {}", spec.label(), argv.get(0), message);
            return new ProcessOutcome(null, NodeFailures.failure(
                    notFound ? "CommandProgramNotFound" : "CommandLaunchFailed",
                    notFound ? "The specified command program is not found" : "The command could not be launched",
                    "Program", argv.get(0), "Message", message));
        }
        control.attach(process);
        LOG.debug("{}: started pid {}: {}", spec.label(), process.pid(), argv.get(0));
        boolean timedOut = false;
        try {
            long waitNanos = deadlineNanos - System.nanoTime();
            if (!process.waitFor(Math.max(0, waitNanos), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                ProcessTrees.kill(process.toHandle());
                process.waitFor();
            }
        } catch (InterruptedException e) {
            ProcessTrees.kill(process.toHandle());
            Thread.currentThread().interrupt();
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        // No tree kill after a normal exit: the children of an exited parent are re-parented, no longer its
        // descendants, and walking the process table per task cost several ms of CPU (see docs/emulator.md).
        LOG.debug("{}: pid {} exited with {}{}", spec.label(), process.pid(), exit,
                timedOut ? " (max wall clock time exceeded)" : control.isEnded() ? " (ended)" : "");
        if (timedOut) {
            return new ProcessOutcome(exit, NodeFailures.wallClockExceeded(spec.maxWallClockTime().toString()));
        }
        if (control.isEnded()) {
            return new ProcessOutcome(exit, NodeFailures.endedByUser());
        }
        return new ProcessOutcome(exit, exit == 0 ? null : NodeFailures.exitCode(exit));
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
