package dev.scimgateway.oauth;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.TenantStore;
import dev.scimgateway.tenancy.TokenRegistry;
import dev.scimgateway.tenancy.TokenState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A tenant's trusted issuers: added, listed and removed the same way whether the admin API or the
 * console asks. Adding one applies here at once and on the other replicas within the refresh
 * interval; removing one revokes its token row, which stops its JWTs everywhere within that interval.
 */
public final class TrustedIssuers {

    static final int MAX_PER_TENANT = 20;

    private final TrustedIssuerStore store;
    private final TenantStore tenants;
    private final TrustDirectory directory;
    private final TokenRegistry registry;
    private final boolean loopbackAllowed;
    private final Clock clock;

    /** @param loopbackAllowed whether a jwksUri may name this machine (development and tests only) */
    public TrustedIssuers(TrustedIssuerStore store, TenantStore tenants, TrustDirectory directory, TokenRegistry registry,
            boolean loopbackAllowed, Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.directory = directory;
        this.registry = registry;
        this.loopbackAllowed = loopbackAllowed;
        this.clock = clock;
    }

    /**
     * 400 for a request that is not a trust; 409 when the tenant trusts the issuer already, or when
     * another tenant's trust of it would accept the same JWTs (no audience or required claim tells
     * them apart).
     */
    public Mono<TrustedIssuer> add(String tenantId, TrustRequest asked) {
        return tenants.requireTenant(tenantId)
                .then(Mono.fromCallable(() -> asked.checked(UUID.randomUUID(), tenantId, loopbackAllowed, clock.instant())))
                .flatMap(trust -> store.list(tenantId).count().flatMap(count -> count >= MAX_PER_TENANT
                        ? Mono.error(ScimException.invalidValue("A tenant trusts " + MAX_PER_TENANT + " issuers at most;"
                                + " remove one first"))
                        : Mono.just(trust)))
                .flatMap(trust -> store.ofIssuer(trust.issuer())
                        .filter(other -> !other.tenantId().equals(tenantId) && !trust.distinctFrom(other))
                        .hasElements()
                        .flatMap(overlaps -> overlaps
                                ? Mono.error(ScimException.conflict("Another tenant trusts this issuer for the same"
                                        + " JWTs; require a claim that tells them apart (for Entra, 'tid' or 'appid')"
                                        + " or name another audience"))
                                : store.insert(trust)))
                .doOnNext(saved -> {
                    registry.remember(new TokenState(saved.id(), tenantId, saved.issuer(), new byte[0], false,
                            Instant.EPOCH, null, OAuthScopes.GRANTED));
                    directory.added(saved);
                });
    }

    public Flux<TrustedIssuer> list(String tenantId) {
        return tenants.requireTenant(tenantId).thenMany(store.list(tenantId));
    }

    /** 404 when the tenant has no such trust. */
    public Mono<Void> remove(String tenantId, UUID id) {
        return tenants.requireTenant(tenantId)
                .then(store.remove(tenantId, id))
                .flatMap(removed -> {
                    if (!removed) {
                        return Mono.error(ScimException.notFound("Tenant '" + tenantId + "' has no trusted issuer " + id));
                    }
                    registry.remember(new TokenState(id, tenantId, "", new byte[0], true, clock.instant(), null, List.of()));
                    directory.removed(id);
                    return Mono.empty();
                });
    }
}
