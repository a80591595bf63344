package io.batchroutes.emulator.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.Context;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class SasContainerClientsTest {

    private static String sentUrl(String url, Context context) {
        AtomicReference<String> sent = new AtomicReference<>();
        HttpClient recorder = request -> {
            sent.set(request.getUrl().toString());
            return Mono.empty();
        };
        HttpPipeline pipeline = new HttpPipelineBuilder().httpClient(recorder).policies(SasContainerClients.SAS_POLICY).build();
        pipeline.send(new HttpRequest(HttpMethod.PUT, url), context).block();
        return sent.get();
    }

    @Test
    void theCallsSasGoesOnTheRequestUrl() {
        assertEquals("http://127.0.0.1:1/acct/out/a%2Fb.txt?sv=1&sig=x",
                sentUrl("http://127.0.0.1:1/acct/out/a%2Fb.txt", new Context(SasContainerClients.SAS_KEY, "sv=1&sig=x")));
        assertEquals("http://127.0.0.1:1/acct/out/b?comp=block&sv=1&sig=x",
                sentUrl("http://127.0.0.1:1/acct/out/b?comp=block", new Context(SasContainerClients.SAS_KEY, "sv=1&sig=x")));
    }

    @Test
    void withoutASasTheUrlStaysAsItIs() {
        assertEquals("http://127.0.0.1:1/acct/out/b", sentUrl("http://127.0.0.1:1/acct/out/b", Context.NONE));
        assertEquals("http://127.0.0.1:1/acct/out/b",
                sentUrl("http://127.0.0.1:1/acct/out/b", new Context(SasContainerClients.SAS_KEY, "")));
    }

    @Test
    void oneClientPerContainerEachCallWithItsOwnSas() {
        SasContainerClients clients = new SasContainerClients();
        SasContainerClients.Container first = clients.forUrl("http://127.0.0.1:1/acct/out?sv=1&sig=first");
        SasContainerClients.Container second = clients.forUrl("http://127.0.0.1:1/acct/out?sv=1&sig=second");
        assertSame(first.client(), second.client());
        assertEquals("http://127.0.0.1:1/acct/out", first.client().getBlobContainerUrl());
        assertEquals("sv=1&sig=first", first.context().getData(SasContainerClients.SAS_KEY).orElseThrow());
        assertEquals("sv=1&sig=second", second.context().getData(SasContainerClients.SAS_KEY).orElseThrow());
    }
}
