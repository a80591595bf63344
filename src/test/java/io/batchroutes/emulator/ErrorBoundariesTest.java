package io.batchroutes.emulator;

import io.batchroutes.emulator.handler.AccountHandler;
import io.batchroutes.emulator.handler.ApplicationsHandler;
import io.batchroutes.emulator.handler.FilesHandler;
import io.batchroutes.emulator.handler.JobSchedulesHandler;
import io.batchroutes.emulator.handler.JobsHandler;
import io.batchroutes.emulator.handler.NodesHandler;
import io.batchroutes.emulator.handler.PoolsHandler;
import io.batchroutes.emulator.handler.Reply;
import io.batchroutes.emulator.handler.StatisticsHandler;
import io.batchroutes.emulator.handler.TasksHandler;
import io.batchroutes.emulator.http.BatchHttpServer;
import io.batchroutes.emulator.http.HttpConfig;
import io.batchroutes.emulator.service.Housekeeping;
import io.batchroutes.emulator.service.PoolService;
import io.batchroutes.emulator.service.TaskService;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.StateFile;
import io.batchroutes.testsupport.Await;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Issue 13, finding 5: an Error (not only a RuntimeException) at a thread boundary is logged and the thread goes on.
 * Each case forces one through a test double of a single collaborator: the HTTP worker answers 500 and serves the
 * next request, the housekeeping timer and the state saver run their next round.
 */
class ErrorBoundariesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anErrorInAHandlerIsAnsweredWith500AndTheServerServesOn() throws Exception {
        AccountHandler account = mock(AccountHandler.class);
        when(account.listSupportedImages(any())).thenThrow(new StackOverflowError("deep")).thenReturn(Reply.empty(200));
        String key = AccountKeys.random();
        HttpConfig config = new HttpConfig("127.0.0.1", 0, "errors", key, false, 0, 503, null, Duration.ZERO,
                Duration.ofSeconds(30), Duration.ofSeconds(30), 16);
        try (BatchHttpServer server = new BatchHttpServer(config, mock(PoolsHandler.class), mock(JobsHandler.class),
                mock(TasksHandler.class), mock(FilesHandler.class), account, mock(JobSchedulesHandler.class),
                mock(StatisticsHandler.class), mock(NodesHandler.class), mock(ApplicationsHandler.class))) {
            RawHttp http = new RawHttp("http://127.0.0.1:" + server.start(), "errors", key);
            String path = "/supportedimages?api-version=2024-07-01.20.0";

            RawHttp.Response first = http.exchange(http.signed("GET", path, null, Map.of()));
            RawHttp.Response second = http.exchange(http.signed("GET", path, null, Map.of()));

            assertThat(first.status()).isEqualTo(500);
            assertThat(first.body()).contains("InternalError");
            assertThat(second.status()).as("the worker lives on").isEqualTo(200);
        }
    }

    @Test
    void theHousekeepingTimerRunsItsNextRoundAfterAnError() {
        PoolService pools = mock(PoolService.class);
        AtomicInteger rounds = new AtomicInteger();
        doAnswer(call -> {
            if (rounds.incrementAndGet() == 1) {
                throw new AssertionError("an Error in an autoscale round");
            }
            return null;
        }).when(pools).evaluateDueAutoScalePools();
        try (Housekeeping housekeeping = new Housekeeping(pools, mock(TaskService.class), null, Duration.ofSeconds(5))) {
            Await.until("a round after the Error", WAIT, () -> rounds.get() >= 2);
        }
    }

    @Test
    void theStateSaverSavesAgainAfterAnError() throws Exception {
        StateFile file = mock(StateFile.class);
        AtomicInteger saves = new AtomicInteger();
        doAnswer(call -> {
            if (saves.incrementAndGet() == 1) {
                throw new OutOfMemoryError("an Error while writing state.json");
            }
            return null;
        }).when(file).write(any());
        try (StatePersistence persistence = new StatePersistence(file, new BatchStore())) {
            persistence.restore(null, null); // nothing saved yet (read() answers null): starts the saver
            Await.until("a save after the Error", WAIT, () -> saves.get() >= 2);
        }
    }
}
