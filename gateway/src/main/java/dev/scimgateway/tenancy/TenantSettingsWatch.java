package dev.scimgateway.tenancy;

import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * Keeps this replica's copies of tenant settings (limits, extension schema catalogs) until they
 * change, wherever they change. The replica that makes a change drops its own copy at once; the
 * others learn of it here, by polling for tenants whose settings changed since the last look. So
 * a tenant seen once every few seconds is not read again on each visit, as it was when the copies
 * simply expired after five seconds (issue 17: 10,000 tenants at 0.25× one tenant).
 */
public final class TenantSettingsWatch {

    /** Rows written just before a poll may commit just after it; re-reading a window catches them. */
    private static final Duration POLL_OVERLAP = Duration.ofSeconds(10);

    private final TenantStore store;
    private final List<Consumer<String>> forgetters;
    /** The changes re-read in the overlap window, so each one drops the copies once, not on every poll. */
    private final Map<String, Instant> applied = new ConcurrentHashMap<>();
    private volatile Instant watermark = Instant.EPOCH;

    /** @param forgetters each drops one cache's copy of a tenant's settings */
    public TenantSettingsWatch(TenantStore store, List<Consumer<String>> forgetters) {
        this.store = store;
        this.forgetters = List.copyOf(forgetters);
    }

    public Mono<Void> refresh() {
        return store.settingsChangedSince(watermark.minus(POLL_OVERLAP))
                .doOnNext(this::apply)
                .then(Mono.fromRunnable(() -> {
                    Instant oldest = watermark.minus(POLL_OVERLAP);
                    applied.values().removeIf(changedAt -> !changedAt.isAfter(oldest));
                }));
    }

    private void apply(SettingsChange change) {
        if (change.changedAt().equals(applied.put(change.tenantId(), change.changedAt()))) {
            return;
        }
        forgetters.forEach(forget -> forget.accept(change.tenantId()));
        if (change.changedAt().isAfter(watermark)) {
            watermark = change.changedAt();
        }
    }
}
