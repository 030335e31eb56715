package dev.scimgateway.oauth;

import dev.scimgateway.crypto.SigningKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * What a client learns before it is configured: the RFC 8414 metadata and the public keys its
 * access tokens are signed with (the same keys as the change feed's; see {@code SigningKeys}).
 */
final class MetadataEndpoint {

    static final List<String> CLIENT_AUTH_METHODS = List.of("client_secret_basic", "client_secret_post");

    private final SigningKeys keys;
    private final Function<ServerRequest, String> issuers;

    MetadataEndpoint(SigningKeys keys, Function<ServerRequest, String> issuers) {
        this.keys = keys;
        this.issuers = issuers;
    }

    Mono<ServerResponse> metadata(ServerRequest request) {
        String issuer = issuers.apply(request);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("issuer", issuer);
        body.put("authorization_endpoint", issuer + OAuthPaths.AUTHORIZE);
        body.put("token_endpoint", issuer + OAuthPaths.TOKEN);
        body.put("revocation_endpoint", issuer + OAuthPaths.REVOKE);
        body.put("jwks_uri", issuer + OAuthPaths.JWKS);
        body.put("response_types_supported", List.of("code"));
        body.put("grant_types_supported", OAuthClient.GRANT_TYPES);
        body.put("code_challenge_methods_supported", List.of("S256"));
        body.put("token_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
        body.put("revocation_endpoint_auth_methods_supported", CLIENT_AUTH_METHODS);
        body.put("scopes_supported", OAuthScopes.SUPPORTED);
        // RFC 9207: every authorization response names this issuer in "iss".
        body.put("authorization_response_iss_parameter_supported", true);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    Mono<ServerResponse> jwks(ServerRequest request) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(keys.jwks());
    }
}
