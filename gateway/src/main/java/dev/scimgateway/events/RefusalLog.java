package dev.scimgateway.events;

import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.edge.TenantPrincipal;
import dev.scimgateway.observability.ThrottledWarning;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.ScimType;
import dev.scimgateway.scim.web.ErrorAnswers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Puts every refused SCIM request of a known tenant into the activity log, behind the request: the
 * answer goes out at once, and a single writer inserts the refusals collected meanwhile in one
 * statement. At most {@code capacity} refusals wait in memory; past that they are left out and
 * counted, and their answer says so in {@value #HEADER}: a flood of refusals (an IdP retrying a bad
 * request in a loop, a tenant over its rate limit) must not cost the database a write each.
 */
public final class RefusalLog implements ErrorAnswers, RefusedOperations, SmartLifecycle {

    /** Answered on a refusal that the log left out: {@code Activity-Log: sampled-out}. */
    public static final String HEADER = "Activity-Log";
    public static final String SAMPLED_OUT = "sampled-out";
    /** The longest path and detail kept: enough to read, bounded whatever a client sends. */
    static final int MAX_TEXT = 1000;
    private static final String METER = "scim.activity.refusals";
    private static final String METER_HELP = "Refused requests for the activity log, by what became of them: written,"
            + " sampled_out (left out while the writer was behind) or failed (their insert failed)";
    private static final Duration FINAL_FLUSH_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);
    private static final ThrottledWarning failures = new ThrottledWarning(log, Duration.ofSeconds(30));

    private final ActivityLog store;
    private final Function<String, @Nullable String> resourceTypes;
    private final Clock clock;
    private final int capacity;
    private final int maxBatch;
    private final Duration window;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter written;
    private final Counter dropped;
    private final Counter failed;
    private volatile @Nullable FluxSink<Refusal> queue;
    private final Sinks.Empty<Void> drained = Sinks.empty();
    private volatile Disposable writer = () -> {};

    /**
     * @param resourceTypes the resource type served at an endpoint ({@code Users} → {@code User}), or null
     * @param capacity refusals waiting to be written, at most
     * @param maxBatch refusals in one insert, at most
     * @param window how long a refusal waits for others to share its insert
     */
    public RefusalLog(ActivityLog store, Function<String, @Nullable String> resourceTypes, Clock clock, int capacity,
            int maxBatch, Duration window, MeterRegistry meters) {
        this.store = store;
        this.resourceTypes = resourceTypes;
        this.clock = clock;
        this.capacity = capacity;
        this.maxBatch = maxBatch;
        this.window = window;
        this.written = Counter.builder(METER).tag("result", "written")
                .description(METER_HELP).register(meters);
        this.dropped = Counter.builder(METER).tag("result", "sampled_out")
                .description(METER_HELP)
                .register(meters);
        this.failed = Counter.builder(METER).tag("result", "failed")
                .description(METER_HELP).register(meters);
    }

    @Override
    public void answering(ServerWebExchange exchange, ScimException error, String detail) {
        RequestContext context = RequestContext.find(exchange);
        // Only a request whose token named its tenant has a log to go in; the others are in the metrics.
        TenantPrincipal caller = context == null || !context.endpoint().isScim() ? null : context.caller();
        if (caller == null) {
            return;
        }
        if (!offer(refusal(exchange, context, caller, error, detail))) {
            exchange.getResponse().getHeaders().set(HEADER, SAMPLED_OUT);
        }
    }

    private Refusal refusal(ServerWebExchange exchange, RequestContext context, TenantPrincipal caller,
            ScimException error, String detail) {
        // The path without its query: a filter there may hold any attribute's value, and the log keeps
        // no values beyond ids, userName and displayName.
        return refusal(caller.tenantId(), ChangeOrigin.of(caller, context.requestId()), error, detail,
                context.method().name(), exchange.getRequest().getPath().value(), context.resource());
    }

    /**
     * A failed operation has no answer of its own to say that it was left out; the bulk answer is
     * already streaming. It is counted as sampled out like any other.
     */
    @Override
    public void refused(String tenantId, ChangeOrigin origin, String method, String path, ScimException error) {
        if (origin.tokenId() == null || origin.tokenName() == null || origin.requestId() == null) {
            return;
        }
        String clean = path.split("\\?", 2)[0];
        String resource = clean.startsWith("/") ? clean.substring(1).split("/", 2)[0] : "";
        offer(refusal(tenantId, origin, error, error.detail(), method, clean, resource));
    }

    /** The origin's token and request id are known: a caller authenticated the request. */
    private Refusal refusal(String tenantId, ChangeOrigin origin, ScimException error, String detail, String method,
            String path, String resource) {
        ScimType type = error.scimType();
        return new Refusal(tenantId, clock.instant(), error.status(), type == null ? null : type.wireName(),
                bounded(detail), method, bounded(path), Objects.requireNonNull(origin.tokenId()),
                Objects.requireNonNull(origin.tokenName()), Objects.requireNonNull(origin.requestId()),
                resourceTypes.apply(resource), resourceId(path, resource), origin.bulkId(), origin.operationIndex());
    }

    /** The id in {@code /Users/{id}}, when there is one and it can be a resource's. */
    private static @Nullable UUID resourceId(String path, String resource) {
        int at = path.indexOf("/" + resource + "/");
        if (resource.isEmpty() || at < 0) {
            return null;
        }
        String rest = path.substring(at + resource.length() + 2);
        int end = rest.indexOf('/');
        String id = end < 0 ? rest : rest.substring(0, end);
        try {
            return id.length() == 36 ? UUID.fromString(id) : null;
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    /** PostgreSQL text takes no NUL, and one refusal must not fail the insert of its whole batch. */
    private static String bounded(String text) {
        String clean = text.replace('\u0000', '\uFFFD');
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT - 1) + "…";
    }

    /** Queues the refusal unless the queue is full or the writer is not running; false when it was left out. */
    boolean offer(Refusal refusal) {
        FluxSink<Refusal> sink = queue;
        if (sink == null || pending.incrementAndGet() > capacity) {
            if (sink != null) {
                pending.decrementAndGet();
            }
            dropped.increment();
            return false;
        }
        sink.next(refusal);
        return true;
    }

    private Mono<Void> write(List<Refusal> batch) {
        return store.appendRefusals(batch)
                .doOnSuccess(done -> written.increment(batch.size()))
                .onErrorResume(e -> {
                    // Fail-open: the refusal was answered already; losing its row is better than holding it.
                    failed.increment(batch.size());
                    failures.warn(() -> "Writing " + batch.size() + " refusals to the activity log failed: " + e);
                    return Mono.empty();
                })
                .doFinally(signal -> pending.addAndGet(-batch.size()));
    }

    @Override
    public void start() {
        writer = Flux.<Refusal>create(sink -> queue = sink, FluxSink.OverflowStrategy.BUFFER)
                .bufferTimeout(maxBatch, window, true)
                .concatMap(this::write, 1)
                .doFinally(signal -> drained.tryEmitEmpty())
                .subscribe();
    }

    /** Writes what is queued, for a few seconds at most, so that a refusal answered just before a stop is kept. */
    @Override
    public void stop() {
        FluxSink<Refusal> sink = queue;
        queue = null;
        if (sink != null) {
            sink.complete();
            drained.asMono().timeout(FINAL_FLUSH_TIMEOUT, Mono.empty()).block();
        }
        writer.dispose();
    }

    @Override
    public boolean isRunning() {
        return queue != null;
    }

    /** Stops after the web server, whose last answers may be refusals, and before the connection pool closes. */
    @Override
    public int getPhase() {
        return org.springframework.boot.web.server.context.WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
    }
}
