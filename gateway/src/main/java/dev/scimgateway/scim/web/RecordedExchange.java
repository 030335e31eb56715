package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An exchange whose request body was read into memory (so a filter can look at it and the handler
 * still read it) and whose response body is kept as it is written (so a filter can store or log
 * it). Both are bounded by the request size limit; used by idempotency and traffic capture.
 */
public final class RecordedExchange {

    private final ServerWebExchange original;
    private final ServerWebExchange exchange;
    private final byte[] requestBody;
    private final Tee response;
    private final Function<RecordedExchange, Mono<Void>> beforeCommit;
    private final AtomicBoolean settled = new AtomicBoolean();

    private RecordedExchange(ServerWebExchange original, byte[] requestBody,
            Function<RecordedExchange, Mono<Void>> beforeCommit) {
        this.original = original;
        this.requestBody = requestBody;
        this.beforeCommit = beforeCommit;
        this.response = new Tee(original.getResponse());
        var request = new ServerHttpRequestDecorator(original.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(original.getResponse().bufferFactory().wrap(requestBody)));
            }
        };
        this.exchange = original.mutate().request(request).response(response).build();
    }

    /** Reads the request body (at most {@code maxBytes}, else 413) and wraps the exchange. */
    public static Mono<RecordedExchange> of(ServerWebExchange exchange, int maxBytes) {
        return of(exchange, maxBytes, recorded -> Mono.empty());
    }

    /**
     * As {@link #of(ServerWebExchange, int)}, and runs {@code beforeCommit} once the response is
     * complete but before the client can see it: a client that retries the moment it has its
     * answer must find what the answer was.
     */
    public static Mono<RecordedExchange> of(ServerWebExchange exchange, int maxBytes,
            Function<RecordedExchange, Mono<Void>> beforeCommit) {
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBytes)
                .map(RecordedExchange::bytes)
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class, e -> ScimException.payloadTooLarge(
                        "The request body is larger than the limit of " + maxBytes + " bytes"))
                .map(body -> new RecordedExchange(exchange, body, beforeCommit));
    }

    /** The same request recorded afresh, for a second run: its response and before-commit step start over. */
    public RecordedExchange again() {
        return new RecordedExchange(original, requestBody, beforeCommit);
    }

    public ServerWebExchange exchange() {
        return exchange;
    }

    public byte[] requestBody() {
        return requestBody;
    }

    public byte[] responseBody() {
        return response.body.get();
    }

    public int status() {
        HttpStatusCode code = response.getStatusCode();
        return code == null ? 200 : code.value();
    }

    public ServerHttpResponse response() {
        return response;
    }

    /** Runs the before-commit step, once, whichever way the response ends: with a body, without one, or not at all. */
    public Mono<Void> settle() {
        return Mono.defer(() -> settled.compareAndSet(false, true) ? beforeCommit.apply(this) : Mono.empty());
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private final class Tee extends ServerHttpResponseDecorator {

        private final AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);

        Tee(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> content) {
            return DataBufferUtils.join(Flux.from(content)).flatMap(joined -> {
                byte[] bytes = bytes(joined);
                body.set(bytes);
                return settle().then(super.writeWith(Mono.just(bufferFactory().wrap(bytes))));
            });
        }

        @Override
        public Mono<Void> setComplete() {
            return settle().then(super.setComplete());
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> content) {
            return writeWith(Flux.from(content).flatMapSequential(p -> p));
        }
    }
}
