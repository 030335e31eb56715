package dev.scimgateway.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import com.github.benmanes.caffeine.cache.Cache;
import dev.scimgateway.background.PeriodicTask;
import dev.scimgateway.memory.PerTenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Keeps each token's last use in memory and writes all of them in one statement per interval,
 * so the dashboard stays current to the minute without a database write per request. The first
 * use of a token on this replica is written at once instead: an admin who tests a new connector
 * and then lists the tokens must not see "never used", whichever replica answers the list.
 */
public final class LastUseTracker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LastUseTracker.class);

    /**
     * Stops after the web server (graceful drain included), so the requests it finishes are
     * counted, and, like every lifecycle phase, before the connection pool is disposed.
     */
    static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
    /** Shutdown must not hang on a database that is gone; a last use is worth less than a timely exit. */
    private static final Duration FINAL_FLUSH_TIMEOUT = Duration.ofSeconds(5);
    /** A first use waits for its write this long at most; after that it is left to the next flush. */
    private static final Duration FIRST_USE_TIMEOUT = Duration.ofSeconds(1);

    private final TenantStore store;
    private final Clock clock;
    /** Uses since the last flush: emptied by every flush, so it holds at most the tokens of one interval. */
    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    /**
     * Tokens whose use this replica has already written or is writing, bounded like TokenRegistry's
     * states: a token dropped from here has its next use written at once again, one write more.
     */
    private final Set<UUID> written;
    private final PeriodicTask flushing;
    private volatile boolean running;

    public LastUseTracker(TenantStore store, Clock clock, Duration flushInterval) {
        this(store, clock, flushInterval, PerTenant.DEFAULT_MAXIMUM_SIZE);
    }

    public LastUseTracker(TenantStore store, Clock clock, Duration flushInterval, int maximumTokens) {
        Cache<UUID, Boolean> seen = PerTenant.cache(maximumTokens, Duration.ofHours(25));
        this.written = java.util.Collections.newSetFromMap(seen.asMap());
        this.store = store;
        this.clock = clock;
        this.flushing = new PeriodicTask("Writing token last-use times", flushInterval, Duration.ofSeconds(10), this::flush);
    }

    /** Completes once a first use is in the database; any later use completes at once and waits for the flush. */
    Mono<Void> record(UUID tokenId) {
        Instant now = clock.instant();
        if (!written.add(tokenId)) {
            pending.put(tokenId, now);
            return Mono.empty();
        }
        return store.recordLastUse(Map.of(tokenId, now))
                .timeout(FIRST_USE_TIMEOUT)
                // The request is authenticated either way; the flush writes this use later.
                .onErrorResume(e -> {
                    log.debug("Could not write the first use of a token at once; the next flush will: {}", e.toString());
                    pending.merge(tokenId, now, (a, b) -> a.isAfter(b) ? a : b);
                    return Mono.empty();
                });
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

    /** Writes what is still pending; called on the thread closing the application, never on an event loop. */
    @Override
    public void stop() {
        flushing.stop();
        int tokens = pending.size();
        flush().timeout(FINAL_FLUSH_TIMEOUT)
                .doOnError(e -> log.warn("Could not write the last use of {} token(s) on shutdown; their lastUsedAt"
                        + " stays at the previous flush: {}", tokens, e.toString()))
                .onErrorComplete()
                .block();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
