package io.batchroutes.component;

import io.batchroutes.testsupport.EmulatorExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskState;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ranged reads (fileOffset / fileMaxBytes → ocp-range) of a running task's growing stdout, of the tail of a finished
 * task's files, and of a node file, through the unmodified SDK against the emulator.
 */
class AzureBatchRangedFileIT extends CamelTestSupport {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();

    @TempDir
    Path dir;

    @Test
    void aGrowingStdoutIsFollowedByItsNewBytesAndTailsAreReadFromTheEnd() throws Exception {
        template.requestBody(EMULATOR.uri("", "&operation=ensurePool"),
                new PoolAddParameter().withId("range-pool").withVmSize("standard_d2s_v3").withTargetDedicatedNodes(1));
        template.requestBody(EMULATOR.uri("range-job", "&operation=ensureJob&poolId=range-pool"), (Object) null);
        Path release = dir.resolve("release");
        // The task writes one line, waits for the test's signal, then writes the rest: the test controls the growth.
        template.requestBody(EMULATOR.uri("range-job", "&operation=addTask"), new TaskAddParameter().withId("grow")
                .withCommandLine("/bin/sh -c 'echo one; while [ ! -e \"$1\" ]; do sleep 0.05; done; echo two >&2;"
                                 + " echo three' grow " + release));

        Exchange first = until("stdout.txt to hold its first line", () -> read("stdout.txt", 0L, null),
                e -> "one\n".equals(body(e)));
        assertThat(first.getMessage().getHeader(AzureBatchConstants.FILE_LENGTH)).isEqualTo(4L);
        assertThat(first.getMessage().getHeader(AzureBatchConstants.FILE_OFFSET)).isEqualTo(0L);
        assertThat(task().state()).as("still running").isEqualTo(TaskState.RUNNING);

        Exchange nothingNew = read("stdout.txt", 4L, null);
        assertThat(body(nothingNew)).isEmpty();
        assertThat(nothingNew.getMessage().getHeader(AzureBatchConstants.FILE_LENGTH)).isEqualTo(4L);

        Files.createFile(release);
        until("the task to complete", this::task, t -> t.state() == TaskState.COMPLETED);

        Exchange rest = read("stdout.txt", 4L, null);
        assertThat(body(rest)).isEqualTo("three\n");
        assertThat(rest.getMessage().getHeader(AzureBatchConstants.FILE_LENGTH)).isEqualTo(10L);
        assertThat(rest.getMessage().getHeader(AzureBatchConstants.FILE_OFFSET)).isEqualTo(4L);

        Exchange tail = read("stdout.txt", -6L, null);
        assertThat(body(tail)).isEqualTo("three\n");
        assertThat(tail.getMessage().getHeader(AzureBatchConstants.FILE_OFFSET)).isEqualTo(4L);
        assertThat(body(read("stderr.txt", -4096L, null))).as("a tail longer than the file").isEqualTo("two\n");
        assertThat(body(read("stdout.txt", 0L, 2L))).isEqualTo("on");
        assertThat(body(read("stdout.txt", null, null))).as("no range: all of it").isEqualTo("one\nthree\n");

        String nodeId = task().nodeInfo().nodeId();
        Exchange nodeTail = template.request(EMULATOR.uri("", "&operation=getNodeFile&poolId=range-pool&nodeId=" + nodeId
                                                             + "&filePath=workitems/range-job/job-1/grow/stdout.txt&fileOffset=-6"),
                exchange -> { });
        assertThat(body(nodeTail)).isEqualTo("three\n");
        assertThat(nodeTail.getMessage().getHeader(AzureBatchConstants.FILE_LENGTH)).isEqualTo(10L);
    }

    /** A ranged getTaskFile of task "grow"; null leaves that option unset. */
    private Exchange read(String file, Long offset, Long maxBytes) {
        Exchange exchange = template.request(EMULATOR.uri("range-job", "&operation=getTaskFile&taskId=grow&filePath=" + file),
                e -> {
                    e.getIn().setHeader(AzureBatchConstants.FILE_OFFSET, offset);
                    e.getIn().setHeader(AzureBatchConstants.FILE_MAX_BYTES, maxBytes);
                });
        if (exchange.getException() != null) {
            throw new IllegalStateException(exchange.getException());
        }
        return exchange;
    }

    private CloudTask task() {
        return template.requestBody(EMULATOR.uri("range-job", "&operation=getTask&taskId=grow"), null, CloudTask.class);
    }

    private static String body(Exchange exchange) {
        return new String(exchange.getMessage().getBody(byte[].class), StandardCharsets.UTF_8);
    }

    private static <T> T until(String what, Callable<T> probe, Predicate<T> done) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        Object last = null;
        while (System.nanoTime() < end) {
            try {
                T value = probe.call();
                if (done.test(value)) {
                    return value;
                }
                last = value;
            } catch (IllegalStateException e) {
                last = e; // e.g. stdout.txt not there before the task starts
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Timed out after " + DEADLINE + " waiting for " + what + "; last: " + last);
    }

}
