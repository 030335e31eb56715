package dev.scimgateway.sso;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.crypto.SecretBox;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The console's OpenID Connect relying party: the authorization code flow with PKCE (S256),
 * {@code state} and {@code nonce} (OpenID Connect Core §3.1), against the tenant's own provider.
 * {@link #start} sends the browser to the provider; {@link #finish} takes what the provider sent
 * back, exchanges the code for tokens, validates the ID token against the provider's published
 * keys, and answers who signed in, if the tenant admits them. Nothing here blocks: the provider is
 * reached through {@link ProviderDirectory} and {@link TokenEndpoint}; validating a token is
 * arithmetic on keys already fetched.
 */
public final class OidcSignIn {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);
    private static final Scope SCOPES = new Scope("openid", "email", "profile");
    /** Ten minutes to sign in at the provider; a pending sign-in older than that is refused. */
    static final Duration PENDING_FOR = Duration.ofMinutes(10);
    /** Tolerance between the provider's clock and this one, for {@code iat} and {@code exp}. */
    private static final int CLOCK_SKEW_SECONDS = 60;
    private static final int SECRET_BYTES = 32;

    /** Where to send the browser, and the sealed pending sign-in for it to keep. */
    public record Started(URI authorization, String pending, Duration pendingFor) {}

    /** What came back to the redirect URI: {@code code} and {@code state}, or {@code error}. */
    public record Answer(@Nullable String state, @Nullable String code, @Nullable String error,
            @Nullable String errorDescription) {}

    public record SignedIn(String tenantId, SignedInUser user) {}

    private final TenantSso tenants;
    private final ProviderDirectory providers;
    private final TokenEndpoint tokenEndpoint;
    private final SecretBox box;
    private final RandomSecrets random;
    private final Clock clock;

    /**
     * @param web the client for every call to a provider; its connection and response timeouts are configuration's
     * @param timeout longest wait for one answer of a provider (metadata, keys, tokens)
     */
    public OidcSignIn(TenantSso tenants, WebClient web, Duration timeout, SecretBox box, RandomSecrets random, Clock clock) {
        this.tenants = tenants;
        this.providers = new ProviderDirectory(web, timeout, clock);
        this.tokenEndpoint = new TokenEndpoint(web, timeout);
        this.box = box;
        this.random = random;
        this.clock = clock;
    }

    /** The provider's name as the sign-in page shows it; empty when the tenant has no single sign-on. */
    public Mono<String> providerName(String tenantId) {
        return tenants.credentials(tenantId).map(credentials -> credentials.settings().displayName())
                .onErrorResume(SsoRefusal.class, refusal -> Mono.empty());
    }

    public Mono<Started> start(String tenantId, URI redirectUri) {
        return tenants.credentials(tenantId).flatMap(credentials -> providers.metadata(credentials.settings().issuer())
                .map(metadata -> {
                    PendingSignIn pending = new PendingSignIn(tenantId, random.text("", SECRET_BYTES),
                            random.text("", SECRET_BYTES), random.text("", SECRET_BYTES), clock.instant().plus(PENDING_FOR));
                    URI authorization = new AuthenticationRequest.Builder(ResponseType.CODE, SCOPES,
                            new ClientID(credentials.settings().clientId()), redirectUri)
                            .endpointURI(metadata.getAuthorizationEndpointURI())
                            .state(new State(pending.state()))
                            .nonce(new Nonce(pending.nonce()))
                            .codeChallenge(new CodeVerifier(pending.verifier()), CodeChallengeMethod.S256)
                            .build()
                            .toURI();
                    return new Started(authorization, pending.seal(box), PENDING_FOR);
                }));
    }

    /**
     * @param pendingSealed what the browser kept from {@link #start}; null when it kept nothing
     */
    public Mono<SignedIn> finish(String tenantId, URI redirectUri, @Nullable String pendingSealed, Answer answer) {
        return Mono.fromCallable(() -> pending(tenantId, pendingSealed, answer))
                .flatMap(pending -> tenants.credentials(tenantId).flatMap(credentials -> {
                    String provider = credentials.settings().displayName();
                    if (answer.error() != null) {
                        return Mono.error(SsoRefusal.notVerified(provider + " did not sign you in ('" + answer.error() + "'"
                                + (answer.errorDescription() == null ? "" : ": " + answer.errorDescription()) + ")"));
                    }
                    if (answer.code() == null || answer.code().isEmpty()) {
                        return Mono.error(SsoRefusal.notVerified(provider + " sent no authorization code"));
                    }
                    String code = answer.code();
                    return providers.metadata(credentials.settings().issuer())
                            .flatMap(metadata -> tokenEndpoint.exchange(credentials, metadata, code, redirectUri,
                                            pending.verifier())
                                    .flatMap(idToken -> validated(credentials, metadata, idToken, pending)))
                            .flatMap(user -> credentials.settings().allowed().admits(user)
                                    ? Mono.just(new SignedIn(tenantId, user))
                                    : Mono.error(SsoRefusal.notAllowed(user.name(), provider, tenantId)));
                }));
    }

    /** The sign-in this browser started for this tenant, with the state the provider sent back; a refusal otherwise. */
    private PendingSignIn pending(String tenantId, @Nullable String sealed, Answer answer) {
        PendingSignIn pending = sealed == null ? null : PendingSignIn.open(sealed, box, clock.instant()).orElse(null);
        if (pending == null || !pending.tenantId().equals(tenantId)) {
            throw SsoRefusal.notVerified("this browser did not start a sign-in for this tenant, or started it more than "
                    + PENDING_FOR.toMinutes() + " minutes ago");
        }
        // Compared in constant time: the state is what keeps another site from finishing a sign-in in this browser.
        if (answer.state() == null || !MessageDigest.isEqual(pending.state().getBytes(StandardCharsets.UTF_8),
                answer.state().getBytes(StandardCharsets.UTF_8))) {
            throw SsoRefusal.notVerified("the answer's state is not the one this browser's sign-in started with");
        }
        return pending;
    }

    private Mono<SignedInUser> validated(TenantSso.Credentials credentials, OIDCProviderMetadata metadata, JWT idToken,
            PendingSignIn pending) {
        String keyId = idToken.getHeader() instanceof com.nimbusds.jose.JWSHeader header ? header.getKeyID() : null;
        SsoSettings settings = credentials.settings();
        return providers.keys(settings.issuer(), metadata.getJWKSetURI(), keyId)
                .handle((keys, sink) -> {
                    try {
                        sink.next(user(validator(settings, metadata, keys).validate(idToken, new Nonce(pending.nonce())),
                                settings.allowed().groupsClaim()));
                    } catch (BadJOSEException | JOSEException e) {
                        // Why, for the operator; never the token itself.
                        log.info("An ID token from {} for tenant {} was refused: {}", settings.issuer(), settings.tenantId(),
                                e.getMessage());
                        sink.error(SsoRefusal.notVerified("the ID token " + settings.displayName()
                                + " sent did not pass validation (signature, issuer, audience, nonce or expiry)"));
                    }
                });
    }

    /** Checks the signature with the provider's keys and an asymmetric algorithm it announced, then iss, aud, exp, iat and nonce. */
    private static IDTokenValidator validator(SsoSettings settings, OIDCProviderMetadata metadata, JWKSet keys) {
        IDTokenValidator validator = new IDTokenValidator(new Issuer(settings.issuer()), new ClientID(settings.clientId()),
                new JWSVerificationKeySelector<SecurityContext>(algorithms(metadata), new ImmutableJWKSet<>(keys)), null);
        validator.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        return validator;
    }

    /**
     * The algorithms the provider announced, asymmetric ones only (RS256 when it announced none, as
     * OpenID Connect makes it the default): an HMAC "signed" with the provider's public key, or
     * {@code none}, is no proof.
     */
    static Set<JWSAlgorithm> algorithms(OIDCProviderMetadata metadata) {
        Set<JWSAlgorithm> allowed = new HashSet<>();
        List<JWSAlgorithm> announced = metadata.getIDTokenJWSAlgs();
        for (JWSAlgorithm algorithm : announced == null ? List.<JWSAlgorithm>of() : announced) {
            if (JWSAlgorithm.Family.RSA.contains(algorithm) || JWSAlgorithm.Family.EC.contains(algorithm)
                    || JWSAlgorithm.Family.ED.contains(algorithm)) {
                allowed.add(algorithm);
            }
        }
        return allowed.isEmpty() ? Set.of(JWSAlgorithm.RS256) : allowed;
    }

    private static SignedInUser user(IDTokenClaimsSet claims, String groupsClaim) {
        Object verified = claims.getClaim("email_verified");
        Boolean emailVerified = verified instanceof Boolean flag ? flag
                : verified instanceof String text ? Boolean.valueOf(text) : null;
        Object groups = claims.getClaim(groupsClaim);
        List<String> groupValues = groups instanceof List<?> list ? list.stream().filter(String.class::isInstance)
                .map(String.class::cast).toList()
                : groups instanceof String one ? List.of(one) : List.of();
        Object email = claims.getClaim("email");
        return new SignedInUser(claims.getSubject().getValue(), email instanceof String text && !text.isBlank() ? text : null,
                emailVerified, groupValues);
    }
}
