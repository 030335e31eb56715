package dev.scimgateway.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import dev.scimgateway.background.PeriodicTask;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Keeps each token's last use in memory and writes all of them in one statement per interval,
 * so the dashboard stays current to the minute without a database write per request.
 */
public final class LastUseTracker implements SmartLifecycle {


    private final TenantStore store;
    private final Clock clock;
    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final PeriodicTask flushing;
    private volatile boolean running;

    public LastUseTracker(TenantStore store, Clock clock, Duration flushInterval) {
        this.store = store;
        this.clock = clock;
        this.flushing = new PeriodicTask("Writing token last-use times", flushInterval, Duration.ofSeconds(10), this::flush);
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
                // Drop only what was written; a newer use that arrived meanwhile stays pending.
                .doOnSuccess(done -> batch.forEach(pending::remove));
    }

    @Override
    public void start() {
        flushing.start();
        running = true;
    }

    @Override
    public void stop() {
        flushing.stop();
        flush().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
