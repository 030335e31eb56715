package dev.scimgateway.oauth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The persistence of the authorization server. Codes and refresh tokens are handed over as hashes only. */
public interface OAuthStore {

    /** A code as issued at the consent: what its exchange must match. */
    record Code(String tenantId, byte[] codeHash, String clientId, UUID grantId, String redirectUri,
            @Nullable String codeChallenge, List<String> scopes, boolean offline, Instant expiresAt) {}

    /** A code redeemed: its row, and whether this was its first use. */
    record Redemption(Code code, boolean firstUse) {}

    /** A refresh token of a client used: its grant, and whether this was its first use. */
    record RefreshUse(UUID grantId, boolean firstUse) {}

    /** Inserts the client, and its client_credentials grant (a token row of its tenant) when it has one, together. */
    Mono<OAuthClient> insertClient(OAuthClient client);

    /** A tenant's clients; the deployment-wide ones for a null tenant. */
    Flux<OAuthClient> listClients(@Nullable String tenantId);

    Mono<OAuthClient> findClient(String clientId);

    /** Deletes the client and revokes all its grants in one statement; false when there is no such client. */
    Mono<Boolean> deleteClient(@Nullable String tenantId, String clientId);

    /** The grant's token row: named for its client, without a secret of its own. */
    Mono<Void> insertGrant(String tenantId, UUID grantId, String clientId, String name, List<String> scopes);

    Mono<Void> insertCode(Code code);

    /** Marks the code used; empty when the tenant has no such code. */
    Mono<Redemption> redeemCode(String tenantId, byte[] codeHash);

    Mono<Void> insertRefreshToken(String tenantId, byte[] tokenHash, UUID grantId, String clientId);

    /** Marks the client's refresh token used; empty when the client has no such refresh token. */
    Mono<RefreshUse> useRefreshToken(String tenantId, byte[] tokenHash, String clientId);

    /** The grant of a refresh token of this client, used or not; empty when there is none. */
    Mono<UUID> refreshTokenGrant(String tenantId, byte[] tokenHash, String clientId);

    /** Deletes codes that expired before {@code expiredBefore}, of every tenant; emits how many went. */
    Mono<Long> deleteExpiredCodes(Instant expiredBefore);

    /**
     * Deletes refresh tokens used before {@code spentBefore}, and those of grants revoked before it,
     * of every tenant; emits how many went.
     */
    Mono<Long> deleteSpentRefreshTokens(Instant spentBefore);
}
