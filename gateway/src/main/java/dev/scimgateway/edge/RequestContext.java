package dev.scimgateway.edge;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request as the edge classified it where it entered. Every later step and handler reads this
 * instead of working the path out again. Only the principal is learnt later, by authentication.
 */
public final class RequestContext {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final String ATTRIBUTE = RequestContext.class.getName();

    private final Endpoint endpoint;
    private final String resource;
    private final HttpMethod method;
    private final @Nullable String idempotencyKey;
    private @Nullable TenantPrincipal principal;
    private @Nullable TenantPrincipal caller;
    private final String requestId;

    RequestContext(String requestId, Endpoint endpoint, String resource, HttpMethod method,
            @Nullable String idempotencyKey) {
        this.requestId = requestId;
        this.endpoint = endpoint;
        this.resource = resource;
        this.method = method;
        this.idempotencyKey = idempotencyKey;
    }

    /** Set by the edge before any step runs; a request that reaches a step or a handler has one. */
    public static RequestContext of(ServerWebExchange exchange) {
        RequestContext context = find(exchange);
        if (context == null) {
            throw new IllegalStateException("Request reached a step or a handler without passing the edge");
        }
        return context;
    }

    /**
     * The context, or null for a request that never passed the edge: one it refused as it entered, or
     * one on the management port. Only for what also answers those, such as the error handler.
     */
    public static @Nullable RequestContext find(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    void bind(ServerWebExchange exchange) {
        exchange.getAttributes().put(ATTRIBUTE, this);
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * The SCIM endpoint's first segment below the base, in the RFC's spelling ({@code Users},
     * {@code Groups}, {@code Bulk}, {@code .search}, {@code Schemas}, …), or empty.
     */
    public String resource() {
        return resource;
    }

    /** The method the client sent (a HEAD is served as a GET only at the end of the edge). */
    public HttpMethod method() {
        return method;
    }

    /** GET, HEAD and searches: what spends the read budget and counts as a read. */
    public boolean isRead() {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || endpoint == Endpoint.SEARCH;
    }

    public @Nullable String idempotencyKey() {
        return idempotencyKey;
    }

    /** The id answered in {@code X-Request-Id} and written in the request's log lines. */
    public String requestId() {
        return requestId;
    }

    /** The tenant principal once a tenant token authenticated the request. */
    public @Nullable TenantPrincipal principal() {
        return principal;
    }

    /** The principal of a request that authentication let through; only SCIM steps and handlers ask. */
    public TenantPrincipal tenant() {
        if (principal == null) {
            throw new IllegalStateException("SCIM route reached without authentication");
        }
        return principal;
    }

    public void authenticated(TenantPrincipal principal) {
        this.principal = principal;
        this.caller = principal;
    }

    /**
     * The token proved who is calling but is refused (expired, or read-only on a write): the
     * request is not authenticated, yet its refusal belongs to that tenant's activity log.
     */
    public void identified(TenantPrincipal caller) {
        this.caller = caller;
    }

    /** Whom the token names, authenticated or refused; null when no valid token named anyone. */
    public @Nullable TenantPrincipal caller() {
        return caller;
    }

    /** The tenant principal of a request that passed authentication; shorthand for handlers. */
    public static TenantPrincipal tenantOf(ServerWebExchange exchange) {
        return of(exchange).tenant();
    }
}
