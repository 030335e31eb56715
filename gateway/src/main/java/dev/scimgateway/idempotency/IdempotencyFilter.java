package dev.scimgateway.idempotency;

import dev.scimgateway.crypto.Sha256;
import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.Endpoint;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.RecordedExchange;
import dev.scimgateway.scim.web.ScimErrorHandler;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code Idempotency-Key} header (IETF httpapi draft): the first response to a key is stored
 * per tenant with a fingerprint of the request, and a retry gets the same status and body back
 * with {@code Idempotent-Replayed: true}. The same key with another request gets 422; a retry
 * while the first is still running gets 409. Responses a retry should not inherit (5xx, 429) are
 * not stored, so the retry runs again. The rules are {@link IdempotentExecution}'s; how a request
 * is run, stored and replayed is {@link KeyedRequest}'s.
 */
public final class IdempotencyFilter implements EdgeStep {

    public static final String HEADER = RequestContext.IDEMPOTENCY_KEY;
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Set<HttpMethod> UNSAFE = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotentExecution execution;
    private final ScimErrorHandler errors;
    private final JsonMapper json;
    private final int maxBodyBytes;

    public IdempotencyFilter(IdempotentExecution execution, ScimErrorHandler errors, JsonMapper json, int maxBodyBytes) {
        this.execution = execution;
        this.errors = errors;
        this.json = json;
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
        // A POST to a resource collection creates one resource, which may then mark the claim.
        boolean creates = context.endpoint() == Endpoint.RESOURCE && HttpMethod.POST.equals(context.method());
        KeyedRequest request = new KeyedRequest(exchange, chain, errors, json, creates);
        return RecordedExchange.of(exchange, maxBodyBytes, request::answered)
                .flatMap(recorded -> execution.once(tenantId, key, fingerprint(exchange, recorded.requestBody()),
                        request.recordedAs(recorded)));
    }

    /** The method, path and query, then the body: a key reused for another request is told apart. */
    private static byte[] fingerprint(ServerWebExchange exchange, byte[] body) {
        var request = exchange.getRequest();
        String target = request.getMethod().name() + " " + request.getPath().value() + "?"
                + (request.getURI().getRawQuery() == null ? "" : request.getURI().getRawQuery()) + "\n";
        return Sha256.digest(target.getBytes(StandardCharsets.UTF_8), body);
    }
}
