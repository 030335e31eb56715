package dev.scimgateway.observability;

import dev.scimgateway.scim.web.ScimErrorHandler;
import dev.scimgateway.tenancy.TenantPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Times every SCIM request by resource, method, outcome and status class (with a histogram, so
 * p99 can be computed across replicas), counts requests per tenant, and tracks how many are in
 * flight. It sits outside authentication so that 401s are measured too.
 */
public final class RequestMetricsFilter implements WebFilter, Ordered {

    private final MeterRegistry meters;
    private final TenantTags tenants;
    private final AtomicInteger inFlight = new AtomicInteger();

    public RequestMetricsFilter(MeterRegistry meters, TenantTags tenants) {
        this.meters = meters;
        this.tenants = tenants;
        Gauge.builder("scim.requests.inflight", inFlight, AtomicInteger::get)
                .description("SCIM requests being processed now")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/scim/")) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        AtomicReference<Integer> failedWith = new AtomicReference<>();
        return chain.filter(exchange)
                .doOnError(e -> failedWith.set(ScimErrorHandler.translate(e).status()))
                .doFinally(signal -> {
                    inFlight.decrementAndGet();
                    Integer failed = failedWith.get();
                    HttpStatusCode code = exchange.getResponse().getStatusCode();
                    int status = failed != null ? failed : code == null ? 200 : code.value();
                    record(exchange, path, status, System.nanoTime() - start);
                });
    }

    private void record(ServerWebExchange exchange, String path, int status, long nanos) {
        HttpMethod method = exchange.getRequest().getMethod();
        Timer.builder("scim.requests")
                .description("SCIM requests by resource, method, outcome and status class")
                .tag("resource", ScimResources.of(path))
                .tag("method", method.name())
                .tag("outcome", status < 400 ? "success" : status < 500 ? "client_error" : "server_error")
                .tag("status", (status / 100) + "xx")
                .publishPercentileHistogram()
                .register(meters)
                .record(nanos, TimeUnit.NANOSECONDS);
        TenantPrincipal.find(exchange).ifPresent(principal -> Counter.builder("scim.tenant.requests")
                .description("SCIM requests per tenant, reads and writes")
                .tag("tenant", tenants.of(principal.tenantId()))
                .tag("kind", HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) ? "read" : "write")
                .register(meters)
                .increment());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
