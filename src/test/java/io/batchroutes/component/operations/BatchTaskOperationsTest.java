package io.batchroutes.component.operations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.microsoft.azure.batch.protocol.models.CloudTask;
import com.microsoft.azure.batch.protocol.models.TaskAddParameter;
import com.microsoft.azure.batch.protocol.models.TaskAddResult;
import com.microsoft.azure.batch.protocol.models.TaskAddStatus;
import io.batchroutes.component.AzureBatchAddTasksException;
import io.batchroutes.component.AzureBatchConfiguration;
import io.batchroutes.component.AzureBatchConfigurationOptionsProxy;
import io.batchroutes.component.AzureBatchConstants;
import io.batchroutes.component.client.BatchClientWrapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static io.batchroutes.component.BatchErrorFixtures.clientError;
import static io.batchroutes.component.BatchErrorFixtures.completedTask;
import static io.batchroutes.component.BatchErrorFixtures.error;
import static io.batchroutes.component.BatchErrorFixtures.serverError;
import static io.batchroutes.component.BatchErrorFixtures.success;
import static io.batchroutes.component.BatchErrorFixtures.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class BatchTaskOperationsTest {

    private final BatchClientWrapper client = mock(BatchClientWrapper.class);
    private final AzureBatchConfiguration configuration = new AzureBatchConfiguration();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private BatchTaskOperations operations;
    private Exchange exchange;

    @BeforeEach
    void setUp() {
        configuration.setJobId("job1");
        operations = new BatchTaskOperations(new AzureBatchConfigurationOptionsProxy(configuration), client, executor, 2);
        exchange = new DefaultExchange(new DefaultCamelContext());
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    /** Answers every add-collection call with success for each task, remembering the chunks. */
    private List<List<String>> answerSuccess() throws Exception {
        List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        when(client.addTaskCollection(eq("job1"), anyList())).thenAnswer(invocation -> {
            List<TaskAddParameter> chunk = invocation.getArgument(1);
            calls.add(chunk.stream().map(TaskAddParameter::id).toList());
            return chunk.stream().map(task -> success(task.id())).toList();
        });
        return calls;
    }

    @Test
    void addTasksSends250TasksInThreeChunksOfAtMost100() throws Exception {
        List<List<String>> calls = answerSuccess();
        exchange.getIn().setBody(tasks(250));

        AzureBatchOperationResponse response = operations.addTasks(exchange);

        assertThat(calls).hasSize(3).allSatisfy(chunk -> assertThat(chunk.size()).isLessThanOrEqualTo(100));
        assertThat(calls.stream().mapToInt(List::size).sum()).isEqualTo(250);
        @SuppressWarnings("unchecked")
        List<TaskAddResult> results = (List<TaskAddResult>) response.getBody();
        assertThat(results).extracting(TaskAddResult::taskId)
                .containsExactlyElementsOf(tasks(250).stream().map(TaskAddParameter::id).toList());
        assertThat(response.getHeaders()).containsEntry(AzureBatchConstants.JOB_ID, "job1");
    }

    @Test
    void addTasksTreatsTaskExistsAsAdded() throws Exception {
        when(client.addTaskCollection(eq("job1"), anyList()))
                .thenReturn(List.of(clientError("t000", "TaskExists"), success("t001")));
        exchange.getIn().setBody(tasks(2));

        AzureBatchOperationResponse response = operations.addTasks(exchange);

        assertThat((List<?>) response.getBody()).hasSize(2);
    }

    @Test
    void addTasksSendsEveryChunkThenNamesTheFailedTasks() throws Exception {
        when(client.addTaskCollection(eq("job1"), anyList())).thenAnswer(invocation -> {
            List<TaskAddParameter> chunk = invocation.getArgument(1);
            return chunk.stream().map(task -> task.id().equals("t007") || task.id().equals("t203")
                    ? clientError(task.id(), "InvalidPropertyValue") : success(task.id())).toList();
        });
        exchange.getIn().setBody(tasks(250));

        assertThatThrownBy(() -> operations.addTasks(exchange))
                .isInstanceOf(AzureBatchAddTasksException.class)
                .hasMessageContaining("2 of 250")
                .hasMessageContaining("t007 (InvalidPropertyValue)")
                .hasMessageContaining("t203 (InvalidPropertyValue)")
                .satisfies(e -> assertThat(((AzureBatchAddTasksException) e).getResults()).hasSize(250));
        verify(client, times(3)).addTaskCollection(eq("job1"), anyList());
    }

    @Test
    void addTasksReportsAFailedRequestAfterSendingTheOtherChunks() throws Exception {
        when(client.addTaskCollection(eq("job1"), anyList())).thenAnswer(invocation -> {
            List<TaskAddParameter> chunk = invocation.getArgument(1);
            if (chunk.get(0).id().equals("t100")) {
                throw error(403, "AuthorizationFailure");
            }
            return chunk.stream().map(task -> success(task.id())).toList();
        });
        exchange.getIn().setBody(tasks(250));

        assertThatThrownBy(() -> operations.addTasks(exchange))
                .isInstanceOf(AzureBatchAddTasksException.class)
                .hasMessageContaining("100 of 250")
                .hasMessageContaining("t100 (AuthorizationFailure)");
        verify(client, times(3)).addTaskCollection(eq("job1"), anyList());
    }

    @Test
    void addTasksSendsServerErrorsAgain() throws Exception {
        when(client.addTaskCollection(eq("job1"), anyList()))
                .thenReturn(List.of(success("t000"), serverError("t001")))
                .thenReturn(List.of(success("t001")));
        exchange.getIn().setBody(tasks(2));

        AzureBatchOperationResponse response = operations.addTasks(exchange);

        @SuppressWarnings("unchecked")
        List<TaskAddResult> results = (List<TaskAddResult>) response.getBody();
        assertThat(results).extracting(TaskAddResult::status).containsOnly(TaskAddStatus.SUCCESS);
        @SuppressWarnings({ "unchecked", "rawtypes" })
        ArgumentCaptor<List<TaskAddParameter>> sent = ArgumentCaptor.forClass((Class) List.class);
        verify(client, times(2)).addTaskCollection(eq("job1"), sent.capture());
        assertThat(sent.getAllValues().get(1)).extracting(TaskAddParameter::id).containsExactly("t001");
    }

    @Test
    void addTasksHalvesAChunkThatIsTooLarge() throws Exception {
        when(client.addTaskCollection(eq("job1"), anyList())).thenAnswer(invocation -> {
            List<TaskAddParameter> chunk = invocation.getArgument(1);
            if (chunk.size() > 50) {
                throw error(413, "RequestBodyTooLarge");
            }
            return chunk.stream().map(task -> success(task.id())).toList();
        });
        exchange.getIn().setBody(tasks(100));

        assertThat((List<?>) operations.addTasks(exchange).getBody()).hasSize(100);
        verify(client, times(3)).addTaskCollection(eq("job1"), anyList());
    }

    @Test
    void addTasksRejectsABodyThatIsNotAListOfTasks() {
        exchange.getIn().setBody("not tasks");
        assertThatThrownBy(() -> operations.addTasks(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("List<TaskAddParameter>");
    }

    @Test
    void addTaskTreatsTaskExistsAsSuccess() throws Exception {
        doThrow(error(409, "TaskExists")).when(client).createTask(eq("job1"), any());
        exchange.getIn().setBody(new TaskAddParameter().withId("t1").withCommandLine("true"));

        AzureBatchOperationResponse response = operations.addTask(exchange);

        assertThat(BatchTaskOperations.isAdded((TaskAddResult) response.getBody())).isTrue();
        assertThat(response.getHeaders()).containsEntry(AzureBatchConstants.TASK_ID, "t1");
    }

    @Test
    void addTaskPropagatesOtherErrors() throws Exception {
        doThrow(error(409, "JobCompleted")).when(client).createTask(eq("job1"), any());
        exchange.getIn().setBody(new TaskAddParameter().withId("t1").withCommandLine("true"));

        assertThatThrownBy(() -> operations.addTask(exchange)).hasMessageContaining("JobCompleted");
    }

    @Test
    void listTasksUsesHeadersOverOptions() throws Exception {
        configuration.setFilter("state eq 'active'");
        configuration.setMaxResults(10);
        when(client.listTasks("job2", "state eq 'completed'", "id,state", 10)).thenReturn(List.of(completedTask("a", 0)));
        exchange.getIn().setHeader(AzureBatchConstants.JOB_ID, "job2");
        exchange.getIn().setHeader(AzureBatchConstants.FILTER, "state eq 'completed'");
        exchange.getIn().setHeader(AzureBatchConstants.SELECT, "id,state");

        assertThat((List<?>) operations.listTasks(exchange).getBody()).hasSize(1);
    }

    @Test
    void getTaskSetsTheTaskHeaders() throws Exception {
        CloudTask task = completedTask("t9", 3);
        when(client.getTask("job1", "t9", null)).thenReturn(task);
        exchange.getIn().setHeader(AzureBatchConstants.TASK_ID, "t9");

        AzureBatchOperationResponse response = operations.getTask(exchange);

        assertThat(response.getBody()).isSameAs(task);
        assertThat(response.getHeaders())
                .containsEntry(AzureBatchConstants.EXIT_CODE, 3)
                .containsEntry(AzureBatchConstants.TASK_RESULT, "failure")
                .containsEntry(AzureBatchConstants.TASK_STATE, "completed")
                .containsEntry(AzureBatchConstants.FAILURE_CODE, "FailureExitCode")
                .containsEntry(AzureBatchConstants.NODE_ID, "node-1")
                .containsEntry(AzureBatchConstants.TASK_END_TIME, java.time.Instant.parse("2026-11-22T10:01:00Z"));
    }

    @Test
    void getTaskFileNeedsATaskAndAPath() throws Exception {
        assertThatThrownBy(() -> operations.getTaskFile(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("getTaskFile needs a taskId");
        exchange.getIn().setHeader(AzureBatchConstants.TASK_ID, "t1");
        assertThatThrownBy(() -> operations.getTaskFile(exchange)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("filePath");

        when(client.getTaskFile("job1", "t1", "stdout.txt", null)).thenReturn("hi\n".getBytes());
        exchange.getIn().setHeader(AzureBatchConstants.FILE_PATH, "stdout.txt");
        assertThat((byte[]) operations.getTaskFile(exchange).getBody()).isEqualTo("hi\n".getBytes());
    }
}
