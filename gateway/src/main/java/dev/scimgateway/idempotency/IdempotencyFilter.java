package dev.scimgateway.idempotency;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.Endpoint;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.RecordedExchange;
import dev.scimgateway.scim.web.ScimErrorHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The {@code Idempotency-Key} header (IETF httpapi draft): the first response to a key is stored
 * per tenant with a fingerprint of the request, and a retry gets the same status and body back
 * with {@code Idempotent-Replayed: true}. The same key with another request gets 422; a retry
 * while the first is still running gets 409. Responses a retry should not inherit (5xx, 429) are
 * not stored, so the retry runs again.
 */
public final class IdempotencyFilter implements EdgeStep {

    public static final String HEADER = RequestContext.IDEMPOTENCY_KEY;
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.ETAG,
            HttpHeaders.LOCATION);
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyStore store;
    private final ScimErrorHandler errors;
    private final Duration retention;
    private final Duration lease;
    private final int maxBodyBytes;
    private final Counter replays;

    public IdempotencyFilter(IdempotencyStore store, ScimErrorHandler errors, Duration retention, Duration lease,
            int maxBodyBytes, MeterRegistry meters) {
        this.store = store;
        this.errors = errors;
        this.retention = retention;
        this.lease = lease;
        this.maxBodyBytes = maxBodyBytes;
        this.replays = Counter.builder("scim.idempotent.replays")
                .description("Responses replayed to retries that carried an Idempotency-Key")
                .register(meters);
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
        return RecordedExchange.of(exchange, maxBodyBytes, recorded -> record(recorded, tenantId, key))
                .flatMap(recorded -> store.claim(tenantId, key, fingerprint(exchange, recorded.requestBody()), retention,
                                lease)
                        .flatMap(claim -> answer(claim, exchange, chain, tenantId, key, recorded)));
    }

    private Mono<Void> answer(Claim claim, ServerWebExchange exchange, WebFilterChain chain, String tenantId, String key,
            RecordedExchange recorded) {
        if (claim instanceof Claim.Replay replay) {
            return replay(exchange, replay.response());
        }
        if (claim instanceof Claim.InFlight) {
            return Mono.error(ScimException.conflict("A request with this Idempotency-Key is still being processed;"
                    + " retry after it completes"));
        }
        if (claim instanceof Claim.Mismatch) {
            return Mono.error(ScimException.unprocessable("This Idempotency-Key was already used for a different"
                    + " request; use a new key for a new request"));
        }
        return runAndStore(recorded, chain, tenantId, key);
    }

    /**
     * Runs the request on the recorded exchange and answers errors here, so that they are recorded
     * too; the result is stored before the response goes out (see {@link #record}).
     */
    private Mono<Void> runAndStore(RecordedExchange recorded, WebFilterChain chain, String tenantId, String key) {
        ServerWebExchange captured = recorded.exchange();
        return chain.filter(captured)
                .onErrorResume(e -> errors.handle(captured, e))
                .then(recorded.settle())
                .onErrorResume(e -> store.release(tenantId, key).onErrorResume(ignored -> Mono.empty())
                        .then(Mono.error(e)));
    }

    /** A server error or a 429 may succeed when retried, so it frees the key instead of being kept. */
    private Mono<Void> record(RecordedExchange recorded, String tenantId, String key) {
        int status = recorded.status();
        boolean retryable = status >= 500 || status == HttpStatus.TOO_MANY_REQUESTS.value();
        return retryable ? store.release(tenantId, key) : store.complete(tenantId, key, stored(recorded, status));
    }

    private static StoredResponse stored(RecordedExchange recorded, int status) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = recorded.response().getHeaders().getFirst(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return new StoredResponse(status, headers, recorded.responseBody());
    }

    private Mono<Void> replay(ServerWebExchange exchange, StoredResponse stored) {
        replays.increment();
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(stored.status()));
        stored.headers().forEach((name, value) -> response.getHeaders().set(name, value));
        response.getHeaders().set(REPLAYED, "true");
        return response.writeWith(Mono.just(response.bufferFactory().wrap(stored.body())));
    }

    private static byte[] fingerprint(ServerWebExchange exchange, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            var request = exchange.getRequest();
            String target = request.getMethod().name() + " " + request.getPath().value() + "?"
                    + (request.getURI().getRawQuery() == null ? "" : request.getURI().getRawQuery()) + "\n";
            digest.update(target.getBytes(StandardCharsets.UTF_8));
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
