package dev.scimgateway.oauth;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The revocation endpoint (RFC 7009): a client revokes its own refresh or access token, and with
 * it the whole grant, since neither is worth anything without the other. A token that is unknown,
 * or another client's, is answered 200 like any other (§2.2): the answer tells nothing.
 */
final class RevocationEndpoint {

    private final OAuthClients clients;
    private final OAuthStore store;
    private final AccessTokens accessTokens;
    private final Grants grants;

    RevocationEndpoint(OAuthClients clients, OAuthStore store, AccessTokens accessTokens, Grants grants) {
        this.clients = clients;
        this.store = store;
        this.accessTokens = accessTokens;
        this.grants = grants;
    }

    Mono<ServerResponse> revoke(ServerRequest request) {
        return OAuthHttp.read(request)
                .flatMap(http -> Mono.fromCallable(() -> OAuthHttp.credentials(http))
                        .flatMap(clients::authenticate)
                        .flatMap(client -> Mono.fromCallable(() -> token(http))
                                .flatMap(token -> revoke(client, token))))
                .then(OAuthHttp.json(HttpStatus.OK, Map.of()))
                .onErrorResume(OAuthRefusal.class, OAuthHttp::error);
    }

    private static String token(com.nimbusds.oauth2.sdk.http.HTTPRequest http) {
        try {
            return TokenRevocationRequest.parse(http).getToken().getValue();
        } catch (ParseException e) {
            throw OAuthHttp.refusal(e);
        }
    }

    private Mono<Void> revoke(OAuthClient client, String token) {
        var refresh = TenantSecrets.REFRESH_TOKENS.parse(token);
        if (refresh.isPresent()) {
            return store.refreshTokenGrant(refresh.get().tenantId(), refresh.get().hash(), client.clientId())
                    .flatMap(grantId -> grants.revoke(refresh.get().tenantId(), grantId));
        }
        return Mono.justOrEmpty(accessTokens.verify(token))
                .filter(verified -> verified.clientId().equals(client.clientId()))
                .flatMap(verified -> grants.revoke(verified.tenantId(), verified.grantId()));
    }
}
