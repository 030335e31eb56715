package dev.scimgateway.observability;

import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.edge.TenantPrincipal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Times every SCIM request by resource, method, outcome and status class (with a histogram, so
 * p99 can be computed across replicas), counts requests per tenant, and tracks how many are in
 * flight. It sits outside authentication so that 401s are measured too. Each meter is registered
 * the first time its tags occur and looked up after that: the tags take a bounded set of values.
 */
public final class RequestMetricsFilter implements EdgeStep {

    private record TimerKey(String resource, String method, int statusClass) {}

    private record TenantKey(String tenant, boolean read) {}

    private final TenantTags tenants;
    private final ToIntFunction<Throwable> statusOfError;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final MetersByTag<TimerKey, Timer> timers;
    private final MetersByTag<TenantKey, Counter> tenantCounters;

    /** @param statusOfError the status the error handler will answer an error signal with */
    public RequestMetricsFilter(MeterRegistry meters, TenantTags tenants, ToIntFunction<Throwable> statusOfError) {
        this.tenants = tenants;
        this.statusOfError = statusOfError;
        this.timers = new MetersByTag<>(key -> timer(key, meters));
        this.tenantCounters = new MetersByTag<>(key -> tenantCounter(key, meters));
        Gauge.builder("scim.requests.inflight", inFlight, AtomicInteger::get)
                .description("SCIM requests being processed now")
                .register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain next) {
        long start = System.nanoTime();
        inFlight.incrementAndGet();
        AtomicReference<Integer> failedWith = new AtomicReference<>();
        return next.filter(exchange)
                .doOnError(e -> failedWith.set(statusOfError.applyAsInt(e)))
                .doFinally(signal -> {
                    inFlight.decrementAndGet();
                    Integer failed = failedWith.get();
                    HttpStatusCode code = exchange.getResponse().getStatusCode();
                    int status = failed != null ? failed : code == null ? 200 : code.value();
                    record(RequestContext.of(exchange), status, System.nanoTime() - start);
                });
    }

    private void record(RequestContext context, int status, long nanos) {
        timers.of(new TimerKey(ScimResources.of(context), context.method().name(), status / 100))
                .record(nanos, TimeUnit.NANOSECONDS);
        TenantPrincipal principal = context.principal();
        if (principal != null) {
            boolean read = HttpMethod.GET.equals(context.method()) || HttpMethod.HEAD.equals(context.method());
            tenantCounters.of(new TenantKey(tenants.of(principal.tenantId()), read)).increment();
        }
    }

    private static Timer timer(TimerKey key, MeterRegistry meters) {
        return Timer.builder("scim.requests")
                .description("SCIM requests by resource, method, outcome and status class")
                .tag("resource", key.resource())
                .tag("method", key.method())
                .tag("outcome", key.statusClass() < 4 ? "success" : key.statusClass() == 4 ? "client_error" : "server_error")
                .tag("status", key.statusClass() + "xx")
                .publishPercentileHistogram()
                .register(meters);
    }

    private static Counter tenantCounter(TenantKey key, MeterRegistry meters) {
        return Counter.builder("scim.tenant.requests")
                .description("SCIM requests per tenant, reads and writes")
                .tag("tenant", key.tenant())
                .tag("kind", key.read() ? "read" : "write")
                .register(meters);
    }
}
