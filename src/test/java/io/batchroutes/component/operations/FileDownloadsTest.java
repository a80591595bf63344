package io.batchroutes.component.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

import io.batchroutes.component.AzureBatchConfiguration;
import io.batchroutes.component.AzureBatchConfigurationOptionsProxy;
import io.batchroutes.component.AzureBatchConstants;
import io.batchroutes.component.AzureBatchFileResultType;
import io.batchroutes.component.client.BatchClientWrapper;
import io.batchroutes.component.client.BatchClientWrapper.FileSink;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * getTaskFile / getNodeFile to a file (atomically) or to a stream the exchange owns, against a mocked client.
 */
class FileDownloadsTest {

    private static final byte[] CONTENT = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final BatchClientWrapper client = mock(BatchClientWrapper.class);
    private final AzureBatchConfiguration configuration = new AzureBatchConfiguration();
    private BatchTaskOperations tasks;
    private BatchPoolOperations pools;
    private Exchange exchange;

    @BeforeEach
    void setUp() throws Exception {
        configuration.setJobId("job1");
        configuration.setTaskId("t1");
        configuration.setPoolId("p1");
        configuration.setNodeId("n1");
        AzureBatchConfigurationOptionsProxy options = new AzureBatchConfigurationOptionsProxy(configuration);
        tasks = new BatchTaskOperations(options, client, mock(ExecutorService.class), 0);
        pools = new BatchPoolOperations(options, client);
        exchange = new DefaultExchange(new DefaultCamelContext());
        answerWith(CONTENT);
    }

    /** The mocked service writes the content into whatever sink the operation hands it. */
    private void answerWith(byte[] content) throws Exception {
        doAnswer(invocation -> {
            try (OutputStream out = invocation.<FileSink> getArgument(4).open()) {
                out.write(content);
            }
            return null;
        }).when(client).downloadTaskFile(eq("job1"), eq("t1"), anyString(), any(), any());
        doAnswer(invocation -> {
            try (OutputStream out = invocation.<FileSink> getArgument(4).open()) {
                out.write(content);
            }
            return null;
        }).when(client).downloadNodeFile(eq("p1"), eq("n1"), anyString(), any(), any());
    }

    @Test
    void aDirectoryDestinationKeepsTheBaseNameAndNeverReadsIntoMemory() throws Exception {
        configuration.setFileDestination(dir.toString());
        exchange.getIn().setHeader(AzureBatchConstants.FILE_PATH, "wd/result.txt");

        AzureBatchOperationResponse response = tasks.getTaskFile(exchange);

        Path written = dir.resolve("result.txt");
        assertThat(response.getBody()).isEqualTo(written.toFile());
        assertThat(written).hasBinaryContent(CONTENT);
        assertThat(response.getHeaders()).containsEntry(AzureBatchConstants.FILE_PATH, "wd/result.txt");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no .part file left").containsExactly(written);
        }
        verify(client, never()).getTaskFile(anyString(), anyString(), anyString(), any());
    }

    @Test
    void aFileDestinationHeaderWinsCreatesParentsAndReplacesAnOldFile() throws Exception {
        configuration.setFileDestination(dir.resolve("ignored").toString());
        Path target = dir.resolve("out/t1-stdout.txt");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "an older, longer version of the file");
        exchange.getIn().setHeader(AzureBatchConstants.FILE_DESTINATION, target.toString());
        exchange.getIn().setHeader(AzureBatchConstants.FILE_PATH, "stdout.txt");

        assertThat(tasks.getTaskFile(exchange).getBody()).isEqualTo(target.toFile());
        assertThat(target).hasBinaryContent(CONTENT);
        assertThat(dir.resolve("ignored")).doesNotExist();
    }

    @Test
    void aTrailingSlashMakesANewDirectory() throws Exception {
        exchange.getIn().setHeader(AzureBatchConstants.FILE_DESTINATION, dir.resolve("new") + "/");
        configuration.setFilePath("stdout.txt");

        assertThat(tasks.getTaskFile(exchange).getBody()).isEqualTo(dir.resolve("new/stdout.txt").toFile());
    }

    @Test
    void aRetriedDownloadStartsTheFileAfresh() throws Exception {
        doAnswer(invocation -> {
            FileSink sink = invocation.getArgument(4);
            try (OutputStream out = sink.open()) {
                out.write("half of the first attempt".getBytes(StandardCharsets.UTF_8));
            }
            try (OutputStream out = sink.open()) {
                out.write(CONTENT);
            }
            return null;
        }).when(client).downloadTaskFile(eq("job1"), eq("t1"), anyString(), any(), any());
        configuration.setFileDestination(dir.toString());
        configuration.setFilePath("stdout.txt");

        tasks.getTaskFile(exchange);

        assertThat(dir.resolve("stdout.txt")).hasBinaryContent(CONTENT);
    }

    @Test
    void aFailedDownloadLeavesNeitherTheTargetNorAPartFile() throws Exception {
        doAnswer(invocation -> {
            try (OutputStream out = invocation.<FileSink> getArgument(4).open()) {
                out.write("partial".getBytes(StandardCharsets.UTF_8));
            }
            throw new IOException("connection reset");
        }).when(client).downloadTaskFile(eq("job1"), eq("t1"), anyString(), any(), any());
        configuration.setFileDestination(dir.toString());
        configuration.setFilePath("stdout.txt");

        assertThatThrownBy(() -> tasks.getTaskFile(exchange)).hasMessage("connection reset");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aPathWithoutAFileNameCannotGoToADirectory() {
        configuration.setFileDestination(dir.toString());
        configuration.setFilePath("wd/..");

        assertThatThrownBy(() -> tasks.getTaskFile(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no file name");
    }

    @Test
    void aStreamIsReadableAgainAfterResetAndItsCopyIsDeletedWhenTheExchangeCompletes() throws Exception {
        configuration.setFileResultType(AzureBatchFileResultType.stream);
        configuration.setFilePath("stdout.txt");

        TempFileInputStream stream = (TempFileInputStream) tasks.getTaskFile(exchange).getBody();
        assertThat(stream.length()).isEqualTo(CONTENT.length);
        assertThat(stream.inMemory()).isFalse();
        assertThat(stream.readAllBytes()).isEqualTo(CONTENT);
        stream.close();
        stream.reset();
        assertThat(stream.readAllBytes()).as("read again, as Camel does with a stream cache").isEqualTo(CONTENT);
        assertThat(stream.getPath()).exists();

        for (Synchronization completion : exchange.getExchangeExtension().handoverCompletions()) {
            completion.onComplete(exchange);
        }
        assertThat(stream.isReleased()).isTrue();
        assertThat(stream.getPath()).doesNotExist();
        stream.reset();
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessageContaining("released");
        verify(client, never()).getTaskFile(anyString(), anyString(), anyString(), any());
    }

    @Test
    void aCopyForAnotherExchangeKeepsTheFileUntilBothExchangesComplete() throws Exception {
        configuration.setFileResultType(AzureBatchFileResultType.stream);
        configuration.setFilePath("stdout.txt");
        TempFileInputStream stream = (TempFileInputStream) tasks.getTaskFile(exchange).getBody();
        Exchange other = new DefaultExchange(exchange.getContext());
        InputStream copy = (InputStream) stream.copy(other);

        for (Synchronization completion : exchange.getExchangeExtension().handoverCompletions()) {
            completion.onFailure(exchange);
        }
        assertThat(stream.getPath()).exists();
        assertThat(copy.readAllBytes()).isEqualTo(CONTENT);

        for (Synchronization completion : other.getExchangeExtension().handoverCompletions()) {
            completion.onComplete(other);
        }
        assertThat(stream.getPath()).doesNotExist();
    }

    @Test
    void getNodeFileWritesToTheDestinationToo() throws Exception {
        configuration.setFileDestination(dir.toString());
        configuration.setFilePath("startup/stderr.txt");

        AzureBatchOperationResponse response = pools.getNodeFile(exchange);

        assertThat(response.getBody()).isEqualTo(dir.resolve("stderr.txt").toFile());
        assertThat(dir.resolve("stderr.txt")).hasBinaryContent(CONTENT);
        assertThat(response.getHeaders()).containsEntry(AzureBatchConstants.NODE_ID, "n1");
        verify(client, never()).getNodeFile(anyString(), anyString(), anyString(), any());
    }

    @Test
    void bytesStayTheDefault() throws Exception {
        org.mockito.Mockito.when(client.getTaskFile("job1", "t1", "stdout.txt", null)).thenReturn(CONTENT);
        configuration.setFilePath("stdout.txt");

        assertThat(tasks.getTaskFile(exchange).getBody()).isEqualTo(CONTENT);
    }

    @Test
    void aNegativeOffsetReadsTheLastBytesAndSaysTheLengthAndWhereTheyStart() throws Exception {
        org.mockito.Mockito.when(client.taskFileLength("job1", "t1", "stderr.txt")).thenReturn(1000L);
        org.mockito.Mockito.when(client.getTaskFile("job1", "t1", "stderr.txt", "bytes=900-999")).thenReturn(CONTENT);
        configuration.setFilePath("stderr.txt");
        exchange.getIn().setHeader(AzureBatchConstants.FILE_OFFSET, -100L);

        AzureBatchOperationResponse response = tasks.getTaskFile(exchange);

        assertThat(response.getBody()).isEqualTo(CONTENT);
        assertThat(response.getHeaders()).containsEntry(AzureBatchConstants.FILE_LENGTH, 1000L)
                .containsEntry(AzureBatchConstants.FILE_OFFSET, 900L);
    }

    @Test
    void anOffsetAndAMaximumReadThatRangeOnlyAndNothingPastTheEnd() throws Exception {
        org.mockito.Mockito.when(client.nodeFileLength("p1", "n1", "startup/stdout.txt")).thenReturn(10L);
        org.mockito.Mockito.when(client.getNodeFile("p1", "n1", "startup/stdout.txt", "bytes=4-6")).thenReturn(CONTENT);
        configuration.setFilePath("startup/stdout.txt");
        configuration.setFileOffset(4L);
        configuration.setFileMaxBytes(3L);
        assertThat(pools.getNodeFile(exchange).getBody()).isEqualTo(CONTENT);

        configuration.setFileOffset(10L);
        configuration.setFileMaxBytes(null);
        AzureBatchOperationResponse atTheEnd = pools.getNodeFile(exchange);
        assertThat((byte[]) atTheEnd.getBody()).isEmpty();
        assertThat(atTheEnd.getHeaders()).containsEntry(AzureBatchConstants.FILE_LENGTH, 10L)
                .containsEntry(AzureBatchConstants.FILE_OFFSET, 10L);
        verify(client, org.mockito.Mockito.times(1)).getNodeFile(anyString(), anyString(), anyString(), any());
    }

    @Test
    void aRangeGoesToTheDestinationTooAndAnEmptyOneWritesAnEmptyFile() throws Exception {
        org.mockito.Mockito.when(client.taskFileLength("job1", "t1", "stdout.txt")).thenReturn(5L, 14L);
        configuration.setFilePath("stdout.txt");
        configuration.setFileDestination(dir.toString());
        configuration.setFileOffset(5L);
        assertThat(dir.resolve("stdout.txt").toFile()).isEqualTo(tasks.getTaskFile(exchange).getBody());
        assertThat(dir.resolve("stdout.txt")).isEmptyFile();

        tasks.getTaskFile(exchange);
        verify(client).downloadTaskFile(eq("job1"), eq("t1"), eq("stdout.txt"), eq("bytes=5-13"), any());
        assertThat(dir.resolve("stdout.txt")).hasBinaryContent(CONTENT);
    }
}
