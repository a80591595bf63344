package io.batchroutes.component;

import io.batchroutes.testsupport.EmulatorExtension;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.microsoft.azure.batch.protocol.models.PoolAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import io.batchroutes.component.operations.TempFileInputStream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multi-MB stdout read through getTaskFile as a file (streamed, moved into place) and as a stream the exchange owns.
 */
class AzureBatchTaskFileIT extends CamelTestSupport {

    private static final int SIZE = 8_000_000;
    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();

    @TempDir
    Path dir;

    private static String uri(String jobId, String options) {
        return EMULATOR.uri(jobId, options);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("big-out", "&delay=100&initialDelay=0")).routeId("completed").to("mock:completed");
            }
        };
    }

    @Test
    void aMultiMegabyteStdoutGoesToAFileAndToAStreamWithoutLeaks() throws Exception {
        template.requestBody(uri("", "&operation=ensurePool"),
                new PoolAddParameter().withId("big-pool").withVmSize("standard_d2s_v3").withTargetDedicatedNodes(1));
        template.requestBody(uri("big-out", "&operation=ensureJob&poolId=big-pool"), (Object) null);
        MockEndpoint completed = getMockEndpoint("mock:completed");
        completed.expectedMessageCount(1);
        completed.setResultWaitTime(TimeUnit.MINUTES.toMillis(1));
        template.requestBody(uri("big-out", "&operation=addTask"), new TaskAddParameter().withId("big")
                .withCommandLine("/bin/sh -c 'head -c " + SIZE + " /dev/zero | tr \"\\\\0\" a'"));
        completed.assertIsSatisfied();
        assertThat(completed.getReceivedExchanges().get(0).getIn().getHeader(AzureBatchConstants.EXIT_CODE)).isEqualTo(0);

        // To a directory: the file keeps its base name, and no temporary file stays behind.
        File file = template.requestBodyAndHeader(
                uri("big-out", "&operation=getTaskFile&taskId=big&filePath=stdout.txt&fileDestination=" + dir), null,
                AzureBatchConstants.FILE_DESTINATION, null, File.class);
        assertThat(file.toPath()).isEqualTo(dir.resolve("stdout.txt"));
        assertThat(file).hasSize(SIZE);
        assertOnlyAs(file.toPath());
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file.toPath());
        }

        // As a stream the exchange owns: readable inside the route (stream caching keeps it: it is a file-backed
        // StreamCache), deleted once the exchange is done.
        AtomicLong read = new AtomicLong();
        AtomicReference<TempFileInputStream> body = new AtomicReference<>();
        Exchange done = template.send(uri("big-out", "&operation=getTaskFile&taskId=big&filePath=stdout.txt"
                                              + "&fileResultType=stream"),
                exchange -> { });
        assertThat(done.getException()).isNull();
        body.set(done.getMessage().getBody(TempFileInputStream.class));
        assertThat(body.get()).isNotNull();
        assertThat(body.get().length()).isEqualTo(SIZE);
        assertThat(body.get().isReleased()).as("released when the exchange completed").isTrue();
        assertThat(body.get().getPath()).doesNotExist();

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream").to(uri("big-out", "&operation=getTaskFile&taskId=big&filePath=stdout.txt"
                                                        + "&fileResultType=stream"))
                        .process(exchange -> {
                            TempFileInputStream in = exchange.getMessage().getBody(TempFileInputStream.class);
                            body.set(in);
                            read.set(countAs(in));
                        });
            }
        });
        template.sendBody("direct:stream", null);
        assertThat(read.get()).isEqualTo(SIZE);
        assertThat(body.get().isReleased()).isTrue();
        assertThat(body.get().getPath()).doesNotExist();
    }

    /** Counts the bytes, failing on any byte other than 'a'. */
    private static long countAs(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0;) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] != 'a') {
                    throw new AssertionError("byte " + (total + i) + " is " + buffer[i]);
                }
            }
            total += n;
        }
        return total;
    }

    private static void assertOnlyAs(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(countAs(in)).isEqualTo(SIZE);
        }
    }
}
