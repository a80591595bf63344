package io.batchroutes.app.batch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The submit route's aggregation in a real Camel aggregator, on a clock the test moves: a task after a quiet spell is
 * sent at once (the aggregator's own timeout here is far too long to do it), tasks close together share a call.
 */
class SubmissionBatchesTest extends CamelTestSupport {

    private static final Duration WINDOW = Duration.ofMillis(100);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    protected RoutesBuilder createRouteBuilder() {
        SubmissionBatches batches = new SubmissionBatches(WINDOW, nanos::get);
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:submit").aggregate(constant("tasks"), batches).completionSize(100)
                        .completionTimeout(600_000).forceCompletionOnStop().to("mock:calls");
            }
        };
    }

    @Test
    void aLoneTaskGoesAtOnceAndABurstSharesCalls() throws Exception {
        MockEndpoint calls = getMockEndpoint("mock:calls");

        calls.expectedMessageCount(1);
        template.sendBody("direct:submit", "lone");
        calls.assertIsSatisfied();
        assertThat(calls.getExchanges().get(0).getIn().getBody(List.class)).containsExactly("lone");

        calls.reset();
        calls.expectedMessageCount(1);
        nanos.addAndGet(WINDOW.toNanos() * 5); // a quiet spell, then a burst
        template.sendBody("direct:submit", "first of a burst");
        for (int i = 0; i < 99; i++) {
            nanos.addAndGet(WINDOW.toNanos() / 10);
            template.sendBody("direct:submit", "burst " + i);
        }
        calls.assertIsSatisfied();
        assertThat(calls.getExchanges().get(0).getIn().getBody(List.class)).containsExactly("first of a burst");

        calls.reset();
        calls.expectedMessageCount(1);
        nanos.addAndGet(WINDOW.toNanos() / 10);
        template.sendBody("direct:submit", "100th of the burst");
        calls.assertIsSatisfied();
        assertThat(calls.getExchanges().get(0).getIn().getBody(List.class)).hasSize(100).startsWith("burst 0")
                .endsWith("100th of the burst");
    }
}
