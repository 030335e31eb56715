package dev.scimgateway.oauth;

import dev.scimgateway.edge.TenantPrincipal;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.BearerAuthenticator;
import dev.scimgateway.tenancy.TokenRegistry;
import dev.scimgateway.tenancy.TokenScopes;
import java.time.Clock;
import java.util.function.Consumer;
import reactor.core.publisher.Mono;

/**
 * Authenticates the authorization server's access tokens on the SCIM edge: the signature and the
 * expiry from the token itself, the grant's state (revoked or not, its last use) from the token
 * registry's memory, like a named token's. The principal is the grant, named for its client, so
 * the activity log records which client made a change.
 */
public final class AccessTokenAuthenticator implements BearerAuthenticator {

    private final AccessTokens tokens;
    private final TokenRegistry registry;
    private final Clock clock;

    public AccessTokenAuthenticator(AccessTokens tokens, TokenRegistry registry, Clock clock) {
        this.tokens = tokens;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Mono<TenantPrincipal> authenticate(String token, TokenScopes.Use use, Consumer<TenantPrincipal> refused) {
        return Mono.justOrEmpty(tokens.verify(token)).flatMap(verified -> {
            if (!clock.instant().isBefore(verified.expiresAt())) {
                return Mono.error(ScimException.unauthorized("The access token expired at " + verified.expiresAt()
                        + "; the client gets a new one at the token endpoint"));
            }
            if (!verified.scopes().contains(TokenScopes.SCIM)) {
                return Mono.error(ScimException.forbidden("The access token has no 'scim' scope"));
            }
            return registry.authenticateById(verified.grantId(), verified.tenantId(), use, refused)
                    .switchIfEmpty(Mono.error(() -> ScimException.unauthorized("The access token's grant has been"
                            + " revoked; the client must be authorized again")));
        });
    }
}
