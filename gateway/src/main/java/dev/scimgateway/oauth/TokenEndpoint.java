package dev.scimgateway.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The token endpoint (RFC 6749 §3.2): the authorization code (with PKCE, RFC 7636), refresh token
 * and client credentials grants, for authenticated clients only. Every refusal is one of §5.2's
 * errors; a code or a refresh token is spent by its first use, right or wrong, so that neither can
 * be tried twice.
 */
final class TokenEndpoint {

    private final OAuthClients clients;
    private final OAuthStore store;
    private final Grants grants;
    private final Function<ServerRequest, String> issuers;
    private final Clock clock;

    TokenEndpoint(OAuthClients clients, OAuthStore store, Grants grants, Function<ServerRequest, String> issuers, Clock clock) {
        this.clients = clients;
        this.store = store;
        this.grants = grants;
        this.issuers = issuers;
        this.clock = clock;
    }

    Mono<ServerResponse> token(ServerRequest request) {
        String issuer = issuers.apply(request);
        return OAuthHttp.read(request)
                .flatMap(http -> Mono.fromCallable(() -> OAuthHttp.credentials(http))
                        .flatMap(clients::authenticate)
                        .flatMap(client -> Mono.fromCallable(() -> parsed(http)).flatMap(asked -> grant(issuer, client, asked))))
                .flatMap(TokenEndpoint::answer)
                .onErrorResume(OAuthRefusal.class, OAuthHttp::error);
    }

    private static TokenRequest parsed(HTTPRequest http) {
        try {
            TokenRequest asked = TokenRequest.parse(http);
            OAuthScopes.asked(asked.getScope());
            return asked;
        } catch (ParseException e) {
            throw OAuthHttp.refusal(e);
        }
    }

    private Mono<Grants.Tokens> grant(String issuer, OAuthClient client, TokenRequest asked) {
        AuthorizationGrant grant = asked.getAuthorizationGrant();
        if (grant instanceof AuthorizationCodeGrant code) {
            return client.allows(OAuthClient.AUTHORIZATION_CODE) ? exchange(issuer, client, code)
                    : Mono.error(OAuthRefusal.unauthorizedClient("The client is not registered for authorization_code"));
        }
        if (grant instanceof RefreshTokenGrant refresh) {
            return grants.refresh(issuer, client, refresh.getRefreshToken().getValue());
        }
        if (grant instanceof ClientCredentialsGrant) {
            return client.allows(OAuthClient.CLIENT_CREDENTIALS) ? grants.credentials(issuer, client)
                    : Mono.error(OAuthRefusal.unauthorizedClient("The client is not registered for client_credentials"));
        }
        return Mono.error(new OAuthRefusal(OAuth2Error.UNSUPPORTED_GRANT_TYPE.setDescription("The grant types are"
                + " authorization_code, refresh_token and client_credentials")));
    }

    private Mono<Grants.Tokens> exchange(String issuer, OAuthClient client, AuthorizationCodeGrant grant) {
        return Mono.justOrEmpty(TenantSecrets.CODES.parse(grant.getAuthorizationCode().getValue()))
                .flatMap(code -> store.redeemCode(code.tenantId(), code.hash()))
                .switchIfEmpty(Mono.error(() -> OAuthRefusal.invalidGrant("The authorization code is not valid")))
                .flatMap(redeemed -> {
                    OAuthStore.Code code = redeemed.code();
                    if (!redeemed.firstUse()) {
                        // Two parties hold the code: whatever the first use obtained is revoked with it (RFC 6749 §4.1.2).
                        return grants.revoke(code.tenantId(), code.grantId()).then(Mono.error(OAuthRefusal.invalidGrant(
                                "The authorization code was used before; the tokens it gave have been revoked")));
                    }
                    String mismatch = mismatch(client, code, grant.getRedirectionURI(), grant.getCodeVerifier());
                    return mismatch != null ? Mono.error(OAuthRefusal.invalidGrant(mismatch)) : grants.start(issuer, client, code);
                });
    }

    /** Why the code does not go with this request; null when it does. */
    private @Nullable String mismatch(OAuthClient client, OAuthStore.Code code, @Nullable URI redirectUri,
            @Nullable CodeVerifier verifier) {
        if (!code.clientId().equals(client.clientId())) {
            return "The authorization code was issued to another client";
        }
        if (!clock.instant().isBefore(code.expiresAt())) {
            return "The authorization code expired; authorize again";
        }
        if (redirectUri == null || !redirectUri.toString().equals(code.redirectUri())) {
            return "redirect_uri must be the one of the authorization request, exactly";
        }
        if (code.codeChallenge() == null) {
            return verifier == null ? null : "A code_verifier was sent but the authorization request had no code_challenge";
        }
        if (verifier == null) {
            return "The authorization request had a PKCE code_challenge: send its code_verifier";
        }
        String computed = CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                code.codeChallenge().getBytes(StandardCharsets.US_ASCII)) ? null
                : "The code_verifier does not match the code_challenge";
    }

    private static Mono<ServerResponse> answer(Grants.Tokens tokens) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.accessToken());
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.expiresIn());
        body.put("scope", String.join(" ", tokens.scopes()));
        if (tokens.refreshToken() != null) {
            body.put("refresh_token", tokens.refreshToken());
        }
        return OAuthHttp.json(HttpStatus.OK, body);
    }
}
