package dev.scimgateway.oauth;

import java.time.Instant;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The persistence of trusted issuers. Errors arrive as {@code ScimException} signals. */
public interface TrustedIssuerStore {

    /** A trust as a replica learns of it: added, or removed (also by revoking its row in the token list). */
    record Change(TrustedIssuer trust, boolean removed, Instant changedAt) {}

    /** Inserts the trust and its token row together; 409 when the tenant already trusts that issuer. */
    Mono<TrustedIssuer> insert(TrustedIssuer trust);

    /** A tenant's active trusts. */
    Flux<TrustedIssuer> list(String tenantId);

    /** Every active trust of the issuer, whichever tenant's. */
    Flux<TrustedIssuer> ofIssuer(String issuer);

    /** Removes the trust and revokes its token row in one statement; false when the tenant has no such active trust. */
    Mono<Boolean> remove(String tenantId, UUID id);

    Flux<Change> changedSince(Instant since);
}
