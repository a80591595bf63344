package io.batchroutes.emulator.node;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Storage clients for the containers that output files go to, one per container URL (without its query) and built
 * once: each output file comes with a container URL whose SAS is scoped to that one blob, and building a client per
 * file (parsing the URL, the SDK's default log options, a new pipeline) was a sixth of the emulator's CPU per task.
 * The SAS travels with each call in its {@link Context} and is put on the request URL by {@link #SAS_POLICY}, so
 * the request on the wire is the very one a client built from the full URL sends.
 */
final class SasContainerClients {

    /** The {@link Context} key of the SAS query (without '?') one call is made with. */
    static final String SAS_KEY = "batchroutes-emulator-sas";
    /** Distinct containers a node agent keeps clients for; tasks name a handful, this only bounds the map. */
    static final int MAX_CONTAINERS = 64;

    /** Appends the call's SAS to the request URL (a query already there is kept). */
    static final HttpPipelinePolicy SAS_POLICY = new HttpPipelinePolicy() {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            context.getData(SAS_KEY).map(String::valueOf).filter(sas -> !sas.isEmpty()).ifPresent(sas -> {
                String url = context.getHttpRequest().getUrl().toString();
                context.getHttpRequest().setUrl(url + (url.indexOf('?') < 0 ? "?" : "&") + sas);
            });
            return next.process();
        }

        @Override
        public HttpPipelinePosition getPipelinePosition() {
            return HttpPipelinePosition.PER_CALL;
        }
    };

    /** A container's shared client and the SAS the calls for one URL carry. */
    record Container(BlobContainerClient client, Context context) {
    }

    private final Map<String, BlobContainerClient> clients = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BlobContainerClient> eldest) {
            return size() > MAX_CONTAINERS;
        }
    };

    /** The client of {@code containerUrl}'s container and the context carrying its SAS (empty without one). */
    Container forUrl(String containerUrl) {
        int q = containerUrl.indexOf('?');
        String base = q < 0 ? containerUrl : containerUrl.substring(0, q);
        String sas = q < 0 ? "" : containerUrl.substring(q + 1);
        BlobContainerClient client;
        synchronized (clients) {
            client = clients.computeIfAbsent(base, url -> new BlobContainerClientBuilder().endpoint(url)
                    .retryOptions(StorageRetry.SDK_TRIES_ONCE).addPolicy(SAS_POLICY).buildClient());
        }
        return new Container(client, new Context(SAS_KEY, sas));
    }
}
