package dev.scimgateway.overload;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.Endpoint;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.ScimErrorHandler;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Keeps the gateway answering when the database is slow or down. A bulkhead bounds how many SCIM
 * requests work on the database at once, and sheds the rest with 503 at once rather than letting
 * them queue into timeouts; a circuit breaker that sees server errors or slow calls pile up
 * answers 503 without touching the database until a few trial calls succeed again. /Bulk requests
 * and NDJSON streams also take a slot of a smaller bulkhead of their own. Every 503
 * carries Retry-After. Client errors (4xx) never count against the breaker.
 */
public final class OverloadFilter implements EdgeStep {

    private final Bulkhead bulkhead;
    /** /Bulk requests also take one of these: a slot may hold a 4 MiB BulkRequest, and memory bounds how many. */
    private final Bulkhead bulk;
    private final CircuitBreaker breaker;
    private final Duration requestTimeout;
    private final long openSeconds;
    private final Counter shed;
    private final Counter broken;
    private final Counter timedOut;

    public OverloadFilter(Bulkhead bulkhead, Bulkhead bulk, CircuitBreaker breaker, Duration requestTimeout,
            Duration openDuration, MeterRegistry meters) {
        this.bulkhead = bulkhead;
        this.bulk = bulk;
        this.breaker = breaker;
        this.requestTimeout = requestTimeout;
        this.openSeconds = Math.max(1, openDuration.toSeconds());
        this.shed = rejected("bulkhead_full").register(meters);
        this.broken = rejected("circuit_open").register(meters);
        this.timedOut = rejected("timeout").register(meters);
    }

    /** One series for every 503 the gateway answers to protect the database, tagged with why. */
    static Counter.Builder rejected(String reason) {
        return Counter.builder("scim.overload.rejected")
                .description("SCIM requests answered 503 to protect the database")
                .tag("reason", reason);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Endpoint endpoint = RequestContext.of(exchange).endpoint();
        if (endpoint == Endpoint.STREAM) {
            // An NDJSON bulk stream lasts as long as its client keeps sending: a request timeout would
            // cut a long onboarding off, and its length says nothing about the database. It still
            // holds a bulkhead slot, and is not started while the breaker is open.
            return Mono.defer(() -> breaker.tryAcquirePermission() ? released(chain.filter(exchange))
                            : Mono.error(CallNotPermittedException.createCallNotPermittedException(breaker)))
                    .transformDeferred(BulkheadOperator.of(bulk))
                    .transformDeferred(BulkheadOperator.of(bulkhead))
                    .onErrorMap(this::explain);
        }
        boolean isBulk = endpoint.isBulk();
        return Mono.defer(() -> {
            if (!bulkhead.tryAcquirePermission()) {
                return Mono.error(BulkheadFullException.createBulkheadFullException(bulkhead));
            }
            if (isBulk && !bulk.tryAcquirePermission()) {
                bulkhead.releasePermission();
                return Mono.error(BulkheadFullException.createBulkheadFullException(bulk));
            }
            Runnable release = releaseOnce(isBulk);
            // A client that has its answer sends its next request at once: if the slot were freed
            // only when the chain completes, after the last byte left, a client with as many
            // connections as there are slots would race its own previous request and get 503s.
            exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(release));
            return Mono.defer(() -> chain.filter(exchange))
                    .timeout(requestTimeout)
                    .transformDeferred(CircuitBreakerOperator.of(breaker))
                    .doFinally(signal -> release.run());
        }).onErrorMap(this::explain);
    }

    private Runnable releaseOnce(boolean isBulk) {
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                bulkhead.onComplete();
                if (isBulk) {
                    bulk.onComplete();
                }
            }
        };
    }

    /**
     * The same refusals, ahead of authentication and of everything else: when no slot is free or
     * the breaker is open, a request is answered 503 for the price of parsing it. At twice the
     * load the gateway can take, half the requests are refused, and what each refusal costs comes
     * out of the capacity left for the other half. It only looks; the bulkhead and the breaker
     * above still decide for the requests it lets through.
     */
    public EdgeStep early() {
        return this::refuseEarly;
    }

    private Mono<Void> refuseEarly(ServerWebExchange exchange, WebFilterChain chain) {
        if (bulkhead.getMetrics().getAvailableConcurrentCalls() <= 0) {
            return Mono.error(explain(BulkheadFullException.createBulkheadFullException(bulkhead)));
        }
        // Before idempotency reads a keyed BulkRequest's body into memory, which the /Bulk slots bound.
        if (RequestContext.of(exchange).endpoint().isBulk() && bulk.getMetrics().getAvailableConcurrentCalls() <= 0) {
            return Mono.error(explain(BulkheadFullException.createBulkheadFullException(bulk)));
        }
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
            return Mono.error(explain(CallNotPermittedException.createCallNotPermittedException(breaker)));
        }
        return chain.filter(exchange);
    }

    /** The stream was only asking whether the breaker is closed; it is not one of the breaker's calls. */
    private Mono<Void> released(Mono<Void> stream) {
        breaker.releasePermission();
        return stream;
    }

    private Throwable explain(Throwable failure) {
        if (failure instanceof BulkheadFullException) {
            shed.increment();
            return ScimException.refused("The gateway is at its concurrency limit; retry shortly", 1);
        }
        if (failure instanceof CallNotPermittedException) {
            broken.increment();
            return ScimException.refused("The database is failing; requests are paused to let it recover",
                    openSeconds);
        }
        if (failure instanceof TimeoutException) {
            timedOut.increment();
            // Worded for reads and writes alike: the error handler tells a write's client how to retry it.
            return RequestDeadlineFilter.timedOut();
        }
        return failure;
    }

    /** What the breaker counts as a failure: server-side errors only. */
    public static boolean isServerFailure(Throwable failure) {
        return failure instanceof TimeoutException || ScimErrorHandler.translate(failure).status() >= 500;
    }
}
