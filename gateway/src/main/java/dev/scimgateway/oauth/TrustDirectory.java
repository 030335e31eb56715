package dev.scimgateway.oauth;

import dev.scimgateway.background.PeriodicTask;
import dev.scimgateway.background.Polled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * Every active trust of every tenant, by issuer, in memory: a JWT is routed to its trust without a
 * database round trip, and a flood of JWTs from issuers nobody trusts never reaches the database.
 * Each replica polls for trusts added or removed elsewhere, like the token registry; a removal also
 * revokes the trust's token row, which the registry learns of within its own refresh interval.
 */
public final class TrustDirectory implements Polled {

    /** Rows written just before a poll may commit just after it; re-reading a window catches them. */
    private static final Duration POLL_OVERLAP = Duration.ofSeconds(10);

    private final TrustedIssuerStore store;
    private final Map<UUID, TrustedIssuer> trusts = new ConcurrentHashMap<>();
    /** Rebuilt on each change, which is rare; read on every federated request. */
    private volatile Map<String, List<TrustedIssuer>> byIssuer = Map.of();
    private volatile Instant watermark = Instant.EPOCH;
    private final PeriodicTask polling;

    public TrustDirectory(TrustedIssuerStore store, Duration refreshInterval) {
        this.store = store;
        this.polling = PeriodicTask.loadedAtStart("Reloading trusted issuers", refreshInterval, Duration.ofSeconds(10), this::refresh);
    }

    /** The active trusts of this issuer, of every tenant; empty when nobody trusts it. */
    List<TrustedIssuer> trusting(String issuer) {
        return byIssuer.getOrDefault(issuer, List.of());
    }

    void added(TrustedIssuer trust) {
        trusts.put(trust.id(), trust);
        rebuild();
    }

    void removed(UUID id) {
        if (trusts.remove(id) != null) {
            rebuild();
        }
    }

    Mono<Void> refresh() {
        return store.changedSince(watermark.minus(POLL_OVERLAP)).collectList().doOnNext(changes -> {
            for (TrustedIssuerStore.Change change : changes) {
                if (change.removed()) {
                    trusts.remove(change.trust().id());
                } else {
                    trusts.put(change.trust().id(), change.trust());
                }
                if (change.changedAt().isAfter(watermark)) {
                    watermark = change.changedAt();
                }
            }
            if (!changes.isEmpty()) {
                rebuild();
            }
        }).then();
    }

    private synchronized void rebuild() {
        Map<String, List<TrustedIssuer>> next = new HashMap<>();
        trusts.values().forEach(trust -> next.computeIfAbsent(trust.issuer(), issuer -> new ArrayList<>()).add(trust));
        next.replaceAll((issuer, list) -> List.copyOf(list));
        byIssuer = Map.copyOf(next);
    }

    @Override
    public PeriodicTask polling() {
        return polling;
    }
}
