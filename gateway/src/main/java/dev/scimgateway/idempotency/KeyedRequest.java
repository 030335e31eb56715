package dev.scimgateway.idempotency;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.RecordedExchange;
import dev.scimgateway.scim.web.ScimErrorHandler;
import dev.scimgateway.scim.web.StoredResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP request with an {@code Idempotency-Key}, as {@link IdempotentExecution} runs it: on the
 * recorded exchange, so that its answer can be stored before the client sees it, and replayed.
 */
final class KeyedRequest implements IdempotentExecution.Work<Void> {

    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.LOCATION);
    private static final List<String> CONDITIONS = List.of(HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH,
            HttpHeaders.IF_MODIFIED_SINCE, HttpHeaders.IF_UNMODIFIED_SINCE);

    private final ServerWebExchange exchange;
    private final WebFilterChain chain;
    private final ScimErrorHandler errors;
    private final JsonMapper json;
    private final boolean creates;
    private @Nullable RecordedExchange recorded;
    /** Set when the run starts; the response is complete only after that. */
    private volatile IdempotentExecution.@Nullable Completion completion;
    private volatile boolean recovering;
    private volatile boolean ran;
    private volatile boolean stored;

    /** @param creates whether the request creates one resource (a POST to a collection) */
    KeyedRequest(ServerWebExchange exchange, WebFilterChain chain, ScimErrorHandler errors, JsonMapper json,
            boolean creates) {
        this.exchange = exchange;
        this.chain = chain;
        this.errors = errors;
        this.json = json;
        this.creates = creates;
    }

    KeyedRequest recordedAs(RecordedExchange recorded) {
        this.recorded = recorded;
        return this;
    }

    /**
     * Runs the request on the recorded exchange and answers errors here, so that they are stored
     * too; the answer is stored before the response goes out (see {@link #answered}).
     */
    @Override
    public Mono<Void> run(IdempotentExecution.Completion completion) {
        this.completion = completion;
        if (ran) {
            // A create whose statement found its key taken runs again, on a claim.
            recorded = recording().again();
        }
        ran = true;
        Mono<Void> run = handled(recording().exchange());
        return creates ? completion.creating(run) : run;
    }

    /**
     * The first run created {@code created} and committed, then died before its answer was
     * stored: the answer is the resource as a GET reads it now, with the 201 and Location of a
     * create. Preconditions of the retry do not apply to that read.
     */
    @Override
    public Mono<Void> recover(UUID created, IdempotentExecution.Completion completion) {
        this.completion = completion;
        this.recovering = true;
        ServerWebExchange captured = recording().exchange();
        ServerHttpRequest read = captured.getRequest().mutate().method(HttpMethod.GET)
                .path(captured.getRequest().getPath().value() + "/" + created)
                .headers(headers -> CONDITIONS.forEach(headers::remove))
                .build();
        return handled(captured.mutate().request(read).build());
    }

    private Mono<Void> handled(ServerWebExchange captured) {
        ServerWebExchange delivered = captured.mutate().response(new Delivery(captured.getResponse())).build();
        return chain.filter(delivered)
                // The error handler drops the headers of the answer that failed to be stored. A
                // key found taken is no answer: the run starts over on a claim.
                .onErrorResume(e -> !(e instanceof KeyHeld), e -> errors.handle(delivered, e))
                .then(recording().settle());
    }

    /** The complete response, before the client can see it. */
    Mono<Void> answered(RecordedExchange response) {
        if (recovering && response.status() == HttpStatus.OK.value()) {
            // Not run again: the answer a retry gets is, as a replay's is, that of the first run.
            response.response().getHeaders().set(IdempotencyFilter.REPLAYED, "true");
            response.response().setStatusCode(HttpStatus.CREATED);
            String location = json.readTree(response.responseBody()).path("meta").path("location").asString("");
            if (!location.isEmpty()) {
                response.response().getHeaders().set(HttpHeaders.LOCATION, location);
            }
        }
        return Objects.requireNonNull(completion).answered(stored(response)).doOnSuccess(done -> stored = true);
    }

    @Override
    public boolean createsOne() {
        return creates;
    }

    @Override
    public Mono<Void> replay(StoredResponse first) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(first.status()));
        first.headers().forEach((name, value) -> response.getHeaders().set(name, value));
        response.getHeaders().set(IdempotencyFilter.REPLAYED, "true");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(first.body())));
    }

    @Override
    public Mono<Void> refuse(IdempotentExecution.Refusal refusal) {
        return Mono.error(refusal == IdempotentExecution.Refusal.IN_FLIGHT
                ? ScimException.conflict("A request with this Idempotency-Key is still being processed;"
                        + " retry after it completes")
                : ScimException.unprocessable("This Idempotency-Key was already used for a different"
                        + " request; use a new key for a new request"));
    }

    private RecordedExchange recording() {
        return Objects.requireNonNull(recorded);
    }

    private static StoredResponse stored(RecordedExchange recorded) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = recorded.response().getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new StoredResponse(recorded.status(), headers, recorded.responseBody());
    }

    /**
     * The run goes on after its client hung up, so its response may be written to a closed
     * connection. Once its answer is stored, that failure is the client's to repair by retrying,
     * not a failure of the request: the steps inside (the circuit breaker above all) must see the
     * request succeed, as it did.
     */
    private final class Delivery extends ServerHttpResponseDecorator {

        Delivery(ServerHttpResponse response) {
            super(response);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return undelivered(super.writeWith(body));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return undelivered(super.writeAndFlushWith(body));
        }

        @Override
        public Mono<Void> setComplete() {
            return undelivered(super.setComplete());
        }

        private Mono<Void> undelivered(Mono<Void> delivery) {
            return delivery.onErrorResume(e -> stored, e -> Mono.empty());
        }
    }
}
