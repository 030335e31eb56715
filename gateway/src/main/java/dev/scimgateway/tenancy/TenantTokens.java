package dev.scimgateway.tenancy;

import dev.scimgateway.scim.protocol.ScimException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A tenant's SCIM tokens: issued, listed and revoked the same way whether the admin API or the
 * console asks. A token is shown once, when issued; only its hash is kept.
 */
public final class TenantTokens {

    public static final int MAX_NAME_LENGTH = 200;

    /** A token just issued, with the secret that is never shown again. */
    public record Issued(TenantToken token, String secret) {}

    private final TenantStore store;
    private final TokenCodec codec;
    private final TokenRegistry registry;
    private final Clock clock;

    public TenantTokens(TenantStore store, TokenCodec codec, TokenRegistry registry, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * @param scopes empty for the default ({@code scim})
     * @param expiresAt null for a token that does not expire; must be in the future
     */
    public Mono<Issued> issue(String tenantId, String name, List<String> scopes, @Nullable Instant expiresAt) {
        return store.requireTenant(tenantId)
                .then(Mono.fromCallable(() -> TokenScopes.of(checkedScopes(name, scopes, expiresAt))))
                .flatMap(granted -> {
                    UUID tokenId = UUID.randomUUID();
                    String secret = codec.issue(tenantId, tokenId, clock.instant());
                    byte[] hash = TokenCodec.hash(secret);
                    return store.insertToken(tenantId, tokenId, name, hash, granted, expiresAt).map(saved -> {
                        registry.remember(new TokenState(tokenId, tenantId, name, hash, false, Instant.EPOCH, expiresAt,
                                granted));
                        return new Issued(saved, secret);
                    });
                });
    }

    public Flux<TenantToken> list(String tenantId) {
        return store.requireTenant(tenantId).thenMany(store.listTokens(tenantId));
    }

    /** Takes effect on this replica at once and on the others within the refresh interval; 404 when there is no such active token. */
    public Mono<Void> revoke(String tenantId, UUID tokenId) {
        return store.requireTenant(tenantId)
                .then(store.revokeToken(tenantId, tokenId))
                .flatMap(revoked -> {
                    if (!revoked) {
                        return Mono.error(ScimException.notFound("Tenant '" + tenantId + "' has no active token " + tokenId));
                    }
                    registry.remember(TokenState.revokedNow(tokenId, tenantId, clock.instant()));
                    return Mono.empty();
                });
    }

    /** The scopes asked for, once the name and the expiry have been checked. */
    private List<String> checkedScopes(String name, List<String> scopes, @Nullable Instant expiresAt) {
        if (name.isBlank()) {
            throw ScimException.invalidValue("'name' is required and must be a non-empty string");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ScimException.invalidValue("Token name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            throw ScimException.invalidValue("'expiresAt' " + expiresAt + " is not in the future");
        }
        return scopes;
    }
}
