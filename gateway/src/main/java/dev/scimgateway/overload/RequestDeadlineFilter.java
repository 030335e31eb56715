package dev.scimgateway.overload;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.Endpoint;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.scim.protocol.ScimException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The request timeout, counted from when a request arrives: whatever it waits for, it is answered
 * 503 with Retry-After by then. The overload filter's own timeout covers only a SCIM handler,
 * while an Idempotency-Key's claim runs before it and the recording of the outcome after it, each
 * a database round trip that a frozen database holds for as long as it is frozen; admin requests
 * have no other timeout. NDJSON streams are exempt, as from the overload filter's timeout: they
 * last as long as their client sends.
 */
public final class RequestDeadlineFilter implements EdgeStep {

    private final Duration timeout;
    private final Counter timedOut;

    public RequestDeadlineFilter(Duration timeout, MeterRegistry meters) {
        this.timeout = timeout;
        // The overload filter's timeouts count in the same series: a dashboard sees one series of requests answered late.
        this.timedOut = OverloadFilter.rejected("timeout").register(meters);
    }

    /**
     * How long the handler may work: the timeout less a tenth, which is kept for what follows it
     * (releasing or completing the Idempotency-Key, writing the answer), so that a request the
     * handler could not finish still frees its key when the database allows.
     */
    public Duration handlerTimeout() {
        return timeout.minus(timeout.dividedBy(10));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (RequestContext.of(exchange).endpoint() == Endpoint.STREAM) {
            return chain.filter(exchange);
        }
        // The loser of the race is cancelled: a database statement in flight finishes or fails on its own, the pool
        // takes its connection back, and a coalesced write its caller has left is not sent. Unlike timeout(), the
        // race ignores a signal the loser sends while being cancelled, such as the overload filter's own timeout
        // firing at the same moment, instead of logging it as an error dropped.
        return Mono.firstWithSignal(chain.filter(exchange), Mono.delay(timeout).then(Mono.error(() -> {
            timedOut.increment();
            return timedOut();
        })));
    }

    /** The answer to a request that did not finish in time; the error handler adds what a write's client should do. */
    static ScimException timedOut() {
        return ScimException.unavailable("The request did not finish in time; retry later");
    }
}
