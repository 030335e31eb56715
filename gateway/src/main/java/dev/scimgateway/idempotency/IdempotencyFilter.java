package dev.scimgateway.idempotency;

import dev.scimgateway.crypto.Sha256;
import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.Endpoint;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.RecordedExchange;
import dev.scimgateway.scim.web.ScimErrorHandler;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The {@code Idempotency-Key} header (IETF httpapi draft): the first response to a key is stored
 * per tenant with a fingerprint of the request, and a retry gets the same status and body back
 * with {@code Idempotent-Replayed: true}. The same key with another request gets 422; a retry
 * while the first is still running gets 409. Responses a retry should not inherit (5xx, 429) are
 * not stored, so the retry runs again. The rules are {@link IdempotentExecution}'s; this step
 * says how a request is run, stored and replayed.
 */
public final class IdempotencyFilter implements EdgeStep {

    public static final String HEADER = RequestContext.IDEMPOTENCY_KEY;
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.LOCATION);
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotentExecution execution;
    private final ScimErrorHandler errors;
    private final int maxBodyBytes;

    public IdempotencyFilter(IdempotentExecution execution, ScimErrorHandler errors, int maxBodyBytes) {
        this.execution = execution;
        this.errors = errors;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestContext context = RequestContext.of(exchange);
        String key = context.idempotencyKey();
        // An NDJSON bulk stream's operations carry their own keys.
        if (key == null || context.endpoint() == Endpoint.STREAM || !UNSAFE.contains(context.method())) {
            return chain.filter(exchange);
        }
        String tenantId = context.tenant().tenantId();
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return Mono.error(ScimException.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters"));
        }
        KeyedRequest request = new KeyedRequest(exchange, chain);
        return RecordedExchange.of(exchange, maxBodyBytes, request::answered)
                .flatMap(recorded -> execution.once(tenantId, key, fingerprint(exchange, recorded.requestBody()),
                        request.recordedAs(recorded)));
    }

    /** One keyed request as {@link IdempotentExecution} runs it. */
    private final class KeyedRequest implements IdempotentExecution.Work<Void> {

        private final ServerWebExchange exchange;
        private final WebFilterChain chain;
        private @Nullable RecordedExchange recorded;
        /** Set when the run starts; the response is complete only after that. */
        private volatile IdempotentExecution.@Nullable Completion completion;
        private volatile boolean stored;

        KeyedRequest(ServerWebExchange exchange, WebFilterChain chain) {
            this.exchange = exchange;
            this.chain = chain;
        }

        KeyedRequest recordedAs(RecordedExchange recorded) {
            this.recorded = recorded;
            return this;
        }

        /**
         * Runs the request on the recorded exchange and answers errors here, so that they are
         * stored too; the answer is stored before the response goes out (see {@link #answered}).
         */
        @Override
        public Mono<Void> run(IdempotentExecution.Completion completion) {
            this.completion = completion;
            RecordedExchange request = Objects.requireNonNull(recorded);
            ServerWebExchange captured = request.exchange();
            ServerWebExchange delivered = captured.mutate().response(new Delivery(captured.getResponse())).build();
            return chain.filter(delivered)
                    .onErrorResume(e -> errors.handle(delivered, e))
                    .then(request.settle());
        }

        /** The complete response, before the client can see it. */
        Mono<Void> answered(RecordedExchange response) {
            IdempotentExecution.Completion running = Objects.requireNonNull(completion);
            return running.answered(stored(response)).doOnSuccess(done -> stored = true);
        }

        /**
         * The run goes on after its client hung up, so its response may be written to a closed
         * connection. Once its answer is stored, that failure is the client's to repair by
         * retrying, not a failure of the request: the steps inside (the circuit breaker above
         * all) must see the request succeed, as it did.
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

        @Override
        public Mono<Void> replay(StoredResponse stored) {
            ServerHttpResponse response = exchange.getResponse();
            response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
            stored.headers().forEach((name, value) -> response.getHeaders().set(name, value));
            response.getHeaders().set(REPLAYED, "true");
            return response.writeWith(Mono.just(response.bufferFactory().wrap(stored.body())));
        }

        @Override
        public Mono<Void> refuse(IdempotentExecution.Refusal refusal) {
            return Mono.error(refusal == IdempotentExecution.Refusal.IN_FLIGHT
                    ? ScimException.conflict("A request with this Idempotency-Key is still being processed;"
                            + " retry after it completes")
                    : ScimException.unprocessable("This Idempotency-Key was already used for a different"
                            + " request; use a new key for a new request"));
        }
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

    /** The method, path and query, then the body: a key reused for another request is told apart. */
    private static byte[] fingerprint(ServerWebExchange exchange, byte[] body) {
        var request = exchange.getRequest();
        String target = request.getMethod().name() + " " + request.getPath().value() + "?"
                + (request.getURI().getRawQuery() == null ? "" : request.getURI().getRawQuery()) + "\n";
        return Sha256.digest(target.getBytes(StandardCharsets.UTF_8), body);
    }
}
