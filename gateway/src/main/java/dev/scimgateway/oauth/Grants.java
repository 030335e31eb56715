package dev.scimgateway.oauth;

import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.TenantTokens;
import dev.scimgateway.tenancy.TokenRegistry;
import dev.scimgateway.tenancy.TokenState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * What a client holds once authorized: its grant (a token row of the tenant), the short-lived
 * access tokens of it, and the refresh token that, used once, is replaced by the next. A refresh
 * token used a second time means that two parties hold it, so the whole grant is revoked (RFC 9700
 * §4.14.2): whichever of them is the thief loses it too.
 */
final class Grants {

    /** The answer of the token endpoint, before it is written as JSON. */
    record Tokens(String accessToken, long expiresIn, List<String> scopes, @Nullable String refreshToken) {}

    private final OAuthStore store;
    private final TenantTokens tenantTokens;
    private final TokenRegistry registry;
    private final AccessTokens accessTokens;
    private final RandomSecrets random;

    Grants(OAuthStore store, TenantTokens tenantTokens, TokenRegistry registry, AccessTokens accessTokens,
            RandomSecrets random) {
        this.store = store;
        this.tenantTokens = tenantTokens;
        this.registry = registry;
        this.accessTokens = accessTokens;
        this.random = random;
    }

    /** Creates the grant a code was issued for, and its first tokens. */
    Mono<Tokens> start(String issuer, OAuthClient client, OAuthStore.Code code) {
        List<String> scopes = OAuthScopes.GRANTED;
        return store.insertGrant(code.tenantId(), code.grantId(), client.clientId(), client.name(), scopes)
                .then(Mono.fromRunnable(() -> registry.remember(new TokenState(code.grantId(), code.tenantId(), client.name(),
                        new byte[0], false, Instant.EPOCH, null, scopes))))
                .then(Mono.defer(() -> issue(issuer, client, code.tenantId(), code.grantId(), scopes, code.offline())));
    }

    /** Rotates the refresh token: the next one and a new access token, or {@code invalid_grant}. */
    Mono<Tokens> refresh(String issuer, OAuthClient client, String refreshToken) {
        return Mono.justOrEmpty(TenantSecrets.REFRESH_TOKENS.parse(refreshToken))
                .flatMap(parsed -> store.useRefreshToken(parsed.tenantId(), parsed.hash(), client.clientId())
                        .flatMap(use -> use.firstUse()
                                ? active(parsed.tenantId(), use.grantId()).then(Mono.defer(() -> issue(issuer, client,
                                        parsed.tenantId(), use.grantId(), OAuthScopes.GRANTED, true)))
                                : revoke(parsed.tenantId(), use.grantId()).then(Mono.error(OAuthRefusal.invalidGrant(
                                        "The refresh token was used before, so its grant has been revoked; authorize"
                                                + " the client again")))))
                .switchIfEmpty(Mono.error(() -> OAuthRefusal.invalidGrant("The refresh token is not valid")));
    }

    /** Tokens of the client_credentials grant: no refresh token, the client's secret serves instead. */
    Mono<Tokens> credentials(String issuer, OAuthClient client) {
        UUID grantId = client.credentialsGrantId();
        String tenantId = client.tenantId();
        if (grantId == null || tenantId == null) {
            return Mono.error(OAuthRefusal.unauthorizedClient("The client is not registered for client_credentials"));
        }
        return active(tenantId, grantId).then(Mono.defer(() -> issue(issuer, client, tenantId, grantId, OAuthScopes.GRANTED,
                false)));
    }

    /** Revokes the grant, here at once and on every replica within the token refresh interval; nothing when it is gone already. */
    Mono<Void> revoke(String tenantId, UUID grantId) {
        return tenantTokens.revoke(tenantId, grantId)
                .onErrorResume(ScimException.class, e -> e.status() == 404 ? Mono.empty() : Mono.error(e));
    }

    private Mono<Void> active(String tenantId, UUID grantId) {
        return registry.isActive(grantId, tenantId).flatMap(active -> active ? Mono.<Void>empty()
                : Mono.error(OAuthRefusal.invalidGrant("The grant has been revoked; authorize the client again")));
    }

    private Mono<Tokens> issue(String issuer, OAuthClient client, String tenantId, UUID grantId, List<String> scopes,
            boolean refresh) {
        String accessToken = accessTokens.issue(issuer, tenantId, grantId, client.clientId(), scopes);
        long expiresIn = accessTokens.lifetime().toSeconds();
        List<String> answered = refresh ? OAuthScopes.SUPPORTED : scopes;
        if (!refresh) {
            return Mono.just(new Tokens(accessToken, expiresIn, answered, null));
        }
        String refreshToken = TenantSecrets.REFRESH_TOKENS.issue(random, tenantId);
        return store.insertRefreshToken(tenantId, TenantSecrets.REFRESH_TOKENS.parse(refreshToken).orElseThrow().hash(),
                        grantId, client.clientId())
                .thenReturn(new Tokens(accessToken, expiresIn, answered, refreshToken));
    }
}
