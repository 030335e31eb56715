package dev.scimgateway.sso;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * What the gateway knows of each OpenID provider: its metadata (discovery) and its signing keys
 * (JWKS), fetched with a reactive WebClient under a timeout and kept for an hour. A key id that is
 * not in the kept set fetches the set again, at most once per {@link #KEYS_MIN_REFRESH} per
 * provider, so that tokens with made-up key ids cannot make the gateway flood the provider; while
 * the provider is unreachable, the keys it published last still verify.
 */
final class ProviderDirectory {

    static final Duration METADATA_TTL = Duration.ofHours(1);
    static final Duration KEYS_TTL = Duration.ofHours(1);
    static final Duration KEYS_MIN_REFRESH = Duration.ofSeconds(30);
    /** Providers kept at once; past that the caches start again (each tenant has at most one provider). */
    static final int MAX_PROVIDERS = 10_000;

    private record Keys(JWKSet set, Instant fetchedAt) {

        boolean has(@Nullable String keyId) {
            return keyId == null ? !set.getKeys().isEmpty() : set.getKeyByKeyId(keyId) != null;
        }
    }

    private final WebClient web;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Mono<OIDCProviderMetadata>> metadata = new ConcurrentHashMap<>();
    private final Map<URI, Keys> keys = new ConcurrentHashMap<>();

    ProviderDirectory(WebClient web, Duration timeout, Clock clock) {
        this.web = web;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The provider's metadata; its {@code issuer} must be exactly the one configured (OpenID Connect Discovery §4.3). */
    Mono<OIDCProviderMetadata> metadata(String issuer) {
        if (metadata.size() >= MAX_PROVIDERS) {
            metadata.clear();
        }
        // A failure is not kept: the next sign-in asks again.
        return metadata.computeIfAbsent(issuer, key -> discover(key)
                .cache(found -> METADATA_TTL, failure -> Duration.ZERO, () -> Duration.ZERO));
    }

    /** The provider's keys, fetched again when {@code keyId} is not among them (a rotation) or they are old. */
    Mono<JWKSet> keys(String issuer, URI jwksUri, @Nullable String keyId) {
        Instant now = clock.instant();
        Keys kept = keys.get(jwksUri);
        if (kept != null && (kept.has(keyId) && kept.fetchedAt().isAfter(now.minus(KEYS_TTL))
                || kept.fetchedAt().isAfter(now.minus(KEYS_MIN_REFRESH)))) {
            return Mono.just(kept.set());
        }
        return fetch(issuer, jwksUri, "its keys (jwks_uri)")
                .handle((body, sink) -> {
                    try {
                        sink.next(JWKSet.parse(body).toPublicJWKSet());
                    } catch (java.text.ParseException e) {
                        sink.error(SsoRefusal.providerFailed(issuer, "its jwks_uri did not answer with a JWK set"));
                    }
                })
                .cast(JWKSet.class)
                .doOnNext(set -> {
                    if (keys.size() >= MAX_PROVIDERS) {
                        keys.clear();
                    }
                    keys.put(jwksUri, new Keys(set, now));
                })
                // Tolerates an outage: the keys published last still verify the tokens they signed.
                .onErrorResume(failure -> kept != null, failure -> Mono.just(kept.set()));
    }

    private Mono<OIDCProviderMetadata> discover(String issuer) {
        URI where = URI.create(stripSlash(issuer) + "/.well-known/openid-configuration");
        return fetch(issuer, where, "its metadata (/.well-known/openid-configuration)").handle((body, sink) -> {
            try {
                OIDCProviderMetadata found = OIDCProviderMetadata.parse(body);
                if (!found.getIssuer().getValue().equals(issuer)) {
                    sink.error(SsoRefusal.providerFailed(issuer, "its metadata names the issuer '"
                            + found.getIssuer().getValue() + "', which is not the one configured"));
                } else if (found.getAuthorizationEndpointURI() == null || found.getTokenEndpointURI() == null
                        || found.getJWKSetURI() == null) {
                    sink.error(SsoRefusal.providerFailed(issuer, "its metadata lacks an authorization endpoint, a token"
                            + " endpoint or a jwks_uri"));
                } else {
                    sink.next(found);
                }
            } catch (ParseException e) {
                sink.error(SsoRefusal.providerFailed(issuer, "its metadata is not OpenID provider metadata"));
            }
        });
    }

    private Mono<String> fetch(String issuer, URI uri, String what) {
        return web.get().uri(uri).accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(timeout)
                .onErrorMap(failure -> !(failure instanceof SsoRefusal),
                        failure -> SsoRefusal.providerFailed(issuer, "fetching " + what + " failed"));
    }

    private static String stripSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
