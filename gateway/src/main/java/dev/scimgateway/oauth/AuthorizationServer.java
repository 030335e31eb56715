package dev.scimgateway.oauth;

import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.crypto.SigningKeys;
import dev.scimgateway.tenancy.TenantTokens;
import dev.scimgateway.tenancy.TokenRegistry;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The authorization server as configuration sees it: the public endpoints (metadata, keys, token,
 * revocation). They sit outside the SCIM edge's authentication, since a client authenticates to
 * them with its own credentials; the authorization endpoint is the console's.
 */
public final class AuthorizationServer {

    private final MetadataEndpoint metadata;
    private final TokenEndpoint token;
    private final RevocationEndpoint revocation;

    /** @param issuers the issuer of a request: the gateway's public origin */
    public AuthorizationServer(OAuthClients clients, OAuthStore store, AccessTokens accessTokens, TenantTokens tenantTokens,
            TokenRegistry registry, SigningKeys keys, RandomSecrets random, Function<ServerRequest, String> issuers,
            Clock clock) {
        OAuthHttp.loadOnStartUp();
        Grants grants = new Grants(store, tenantTokens, registry, accessTokens, random);
        this.metadata = new MetadataEndpoint(keys, issuers);
        this.token = new TokenEndpoint(clients, store, grants, issuers, clock);
        this.revocation = new RevocationEndpoint(clients, store, accessTokens, grants);
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(OAuthPaths.METADATA, metadata::metadata)
                .GET(OAuthPaths.JWKS, metadata::jwks)
                .POST(OAuthPaths.TOKEN, token::token)
                .POST(OAuthPaths.REVOKE, revocation::revoke)
                .build();
    }
}
