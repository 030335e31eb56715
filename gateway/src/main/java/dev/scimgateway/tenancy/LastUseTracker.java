package dev.scimgateway.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps each token's last use in memory and writes all of them in one statement per interval,
 * so the dashboard stays current to the minute without a database write per request.
 */
public final class LastUseTracker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LastUseTracker.class);

    private final TenantStore store;
    private final Clock clock;
    private final Duration flushInterval;
    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private volatile Disposable flushing = () -> {};
    private volatile boolean running;

    public LastUseTracker(TenantStore store, Clock clock, Duration flushInterval) {
        this.store = store;
        this.clock = clock;
        this.flushInterval = flushInterval;
    }

    void record(UUID tokenId) {
        pending.put(tokenId, clock.instant());
    }

    public Mono<Void> flush() {
        if (pending.isEmpty()) {
            return Mono.empty();
        }
        Map<UUID, Instant> batch = new HashMap<>(pending);
        return store.recordLastUse(batch)
                .timeout(Duration.ofSeconds(10))
                // Drop only what was written; a newer use that arrived meanwhile stays pending.
                .doOnSuccess(done -> batch.forEach(pending::remove));
    }

    @Override
    public void start() {
        flushing = Flux.interval(flushInterval, flushInterval)
                .onBackpressureDrop()
                .concatMap(tick -> flush().onErrorResume(e -> {
                    log.warn("Writing token last-use times failed; will retry: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
        running = true;
    }

    @Override
    public void stop() {
        flushing.dispose();
        flush().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
