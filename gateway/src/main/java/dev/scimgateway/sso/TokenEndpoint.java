package dev.scimgateway.sso;

import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The token request of the authorization code flow (RFC 6749 §4.1.3, with the PKCE verifier of
 * RFC 7636): Nimbus writes the request and reads the answer, the reactive WebClient carries them.
 * The client authenticates with its secret, in the Authorization header unless the provider
 * announces only {@code client_secret_post}.
 */
final class TokenEndpoint {

    private record Reply(int status, String body) {}

    private final WebClient web;
    private final Duration timeout;

    TokenEndpoint(WebClient web, Duration timeout) {
        this.web = web;
        this.timeout = timeout;
    }

    /** The ID token the provider issued for {@code code}; a refusal when it issued none. */
    Mono<JWT> exchange(TenantSso.Credentials credentials, OIDCProviderMetadata metadata, String code, URI redirectUri,
            String verifier) {
        SsoSettings settings = credentials.settings();
        HTTPRequest request = new TokenRequest(metadata.getTokenEndpointURI(),
                authentication(metadata, new ClientID(settings.clientId()), new Secret(credentials.clientSecret())),
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(verifier)),
                (com.nimbusds.oauth2.sdk.Scope) null)
                .toHTTPRequest();
        WebClient.RequestBodySpec post = web.post().uri(request.getURI())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON);
        if (request.getAuthorization() != null) {
            post = post.header(HttpHeaders.AUTHORIZATION, request.getAuthorization());
        }
        return post.bodyValue(request.getBody())
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> new Reply(response.statusCode().value(), body)))
                .timeout(timeout)
                .onErrorMap(failure -> SsoRefusal.providerFailed(settings.displayName(), "its token endpoint did not answer"))
                .handle((reply, sink) -> {
                    try {
                        sink.next(idToken(settings, reply));
                    } catch (SsoRefusal refusal) {
                        sink.error(refusal);
                    }
                });
    }

    private static JWT idToken(SsoSettings settings, Reply reply) {
        String provider = settings.displayName();
        try {
            var json = JSONObjectUtils.parse(reply.body());
            if (reply.status() / 100 == 2) {
                JWT idToken = OIDCTokenResponse.parse(json).getOIDCTokens().getIDToken();
                if (idToken == null) {
                    throw SsoRefusal.providerFailed(provider, "its token endpoint sent no ID token");
                }
                return idToken;
            }
            if (reply.status() / 100 == 4) {
                // invalid_grant and its kind: a code used twice or too late, a verifier that does not match.
                throw SsoRefusal.notVerified(provider + " refused to exchange the code ('"
                        + TokenErrorResponse.parse(json).getErrorObject().getCode() + "')");
            }
        } catch (ParseException e) {
            throw SsoRefusal.providerFailed(provider, "its token endpoint answered with something that is not an"
                    + " OpenID Connect token response");
        }
        throw SsoRefusal.providerFailed(provider, "its token endpoint answered " + reply.status());
    }

    private static ClientAuthentication authentication(OIDCProviderMetadata metadata, ClientID id, Secret secret) {
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        boolean postOnly = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        return postOnly ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret);
    }
}
