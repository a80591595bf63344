package io.batchroutes.component.client;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntraIdBatchCredentialsTest {

    private final List<String> scopes = new ArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();

    /** Issues token-1, token-2, ... valid for {@code minutes}. */
    private TokenCredential fake(long minutes) {
        return request -> {
            scopes.addAll(request.getScopes());
            return Mono.just(new AccessToken("token-" + issued.incrementAndGet(), OffsetDateTime.now().plusMinutes(minutes)));
        };
    }

    /** Sends a request through the credentials' filter and returns the Authorization header the server would see. */
    private static String authorization(EntraIdBatchCredentials credentials) throws Exception {
        List<String> seen = new ArrayList<>();
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        credentials.applyCredentialsFilter(builder);
        builder.addInterceptor(chain -> {
            seen.add(chain.request().header("Authorization"));
            return new Response.Builder().request(chain.request()).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                    .body(ResponseBody.create(MediaType.parse("application/json"), "{}")).build();
        });
        try (Response ignored = builder.build().newCall(new Request.Builder().url("http://127.0.0.1:1/pools").build())
                .execute()) {
            return seen.get(0);
        }
    }

    @Test
    void sendsABearerTokenForTheBatchScopeAndReusesIt() throws Exception {
        EntraIdBatchCredentials credentials = new EntraIdBatchCredentials("https://acct.westeurope.batch.azure.com", fake(60));

        assertThat(authorization(credentials)).isEqualTo("Bearer token-1");
        assertThat(authorization(credentials)).isEqualTo("Bearer token-1");
        assertThat(scopes).containsExactly("https://batch.core.windows.net/.default");
        assertThat(credentials.baseUrl()).isEqualTo("https://acct.westeurope.batch.azure.com");
    }

    @Test
    void refreshesATokenAboutToExpire() throws Exception {
        EntraIdBatchCredentials credentials = new EntraIdBatchCredentials("https://acct", fake(1));

        assertThat(authorization(credentials)).isEqualTo("Bearer token-1");
        assertThat(authorization(credentials)).isEqualTo("Bearer token-2");
    }

    @Test
    void aFailingCredentialFailsTheCall() {
        TokenCredential broken = request -> Mono.error(new IllegalStateException("no identity here"));
        EntraIdBatchCredentials credentials = new EntraIdBatchCredentials("https://acct", broken);

        assertThatThrownBy(() -> authorization(credentials)).hasMessageContaining("Entra ID token")
                .hasMessageContaining("no identity here");
    }
}
