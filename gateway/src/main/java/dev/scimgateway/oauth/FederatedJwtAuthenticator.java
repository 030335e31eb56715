package dev.scimgateway.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.scimgateway.edge.TenantPrincipal;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.tenancy.BearerAuthenticator;
import dev.scimgateway.tenancy.TokenCodec;
import dev.scimgateway.tenancy.TokenRegistry;
import dev.scimgateway.tenancy.TokenScopes;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Authenticates JWTs that a tenant's own IdP issued (federated JWTs). The JWT's unverified
 * {@code iss} picks the trusts of that issuer from memory; its {@code aud} and the trusts' required
 * claims pick the one trust, and with it the tenant; then its signature is checked against the
 * keys the issuer publishes and its times ({@code exp}, {@code nbf}, {@code iat}) with a small
 * clock skew. The principal is the trust's token row, named for the issuer, so the token list shows
 * its last use and the activity log names it; removing the trust revokes that row on every replica.
 * A federated JWT is granted the scope {@code scim}.
 *
 * <p>Each refusal says what is wrong with the JWT, never what the trusts hold (their required
 * values, their key URLs) nor why an issuer's keys could not be fetched.
 */
public final class FederatedJwtAuthenticator implements BearerAuthenticator {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** An IdP's JWT is a few kilobytes; anything longer is refused unread. */
    private static final int MAX_LENGTH = 16 * 1024;

    private final TrustDirectory directory;
    private final IssuerKeys keys;
    private final TokenRegistry registry;
    private final Clock clock;
    /** Nimbus fetches keys with a blocking client: signatures are checked off the event loop. */
    private final Scheduler verifying = Schedulers.boundedElastic();

    public FederatedJwtAuthenticator(TrustDirectory directory, IssuerKeys keys, TokenRegistry registry, Clock clock) {
        this.directory = directory;
        this.keys = keys;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Mono<TenantPrincipal> authenticate(String token, TokenScopes.Use use, Consumer<TenantPrincipal> refused) {
        Optional<JWT> parsed = parse(token);
        if (parsed.isEmpty()) {
            return Mono.empty();
        }
        JWT jwt = parsed.get();
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Mono.empty();
        }
        String issuer = claims.getIssuer();
        if (issuer == null) {
            return Mono.empty();
        }
        List<TrustedIssuer> trusts = directory.trusting(issuer);
        if (trusts.isEmpty()) {
            // The gateway's own tokens that got this far are unknown or revoked, which the edge says in its own words.
            return isGatewayToken(claims) ? Mono.empty() : refuse("The JWT's issuer (iss) is not trusted by any tenant;"
                    + " a tenant admin adds it under trusted issuers, spelt exactly as the JWT's iss claim");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            return refuse("The JWT is not signed (alg 'none') or is encrypted; a trusted issuer's JWTs must be signed");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!IssuerKeys.ALGORITHMS.contains(algorithm)) {
            return refuse("The JWT is signed with " + algorithm + "; only asymmetric algorithms (RS256, PS256, ES256 and"
                    + " their kin) are accepted from a trusted issuer");
        }
        return trust(trusts, claims).flatMap(trust -> verified(signed, claims, trust, use, refused));
    }

    private Mono<TenantPrincipal> verified(SignedJWT signed, JWTClaimsSet claims, TrustedIssuer trust, TokenScopes.Use use,
            Consumer<TenantPrincipal> refused) {
        return Mono.fromCallable(() -> keys.verify(signed, trust.jwksUri()))
                .subscribeOn(verifying)
                .flatMap(outcome -> switch (outcome) {
                    case VERIFIED -> timely(claims, trust, refused)
                            .then(Mono.defer(() -> registry.authenticateById(trust.id(), trust.tenantId(), use, refused)))
                            .switchIfEmpty(Mono.defer(() -> refuse("The trust of the JWT's issuer has been removed")));
                    case NO_SUCH_KEY -> refuse("The JWT's signing key (kid " + quoted(signed.getHeader().getKeyID())
                            + ") is not among the keys its issuer publishes");
                    case BAD_SIGNATURE -> refuse("The JWT's signature does not verify with its issuer's key");
                    case KEYS_UNAVAILABLE -> refuse("The JWT's issuer's keys cannot be fetched at the moment; try again"
                            + " later");
                });
    }

    /** The one trust that the JWT's audience and claims fit. */
    private static Mono<TrustedIssuer> trust(List<TrustedIssuer> trusts, JWTClaimsSet claims) {
        List<String> audience = claims.getAudience();
        List<TrustedIssuer> forAudience = trusts.stream()
                .filter(trust -> trust.audiences().stream().anyMatch(audience::contains)).toList();
        if (forAudience.isEmpty()) {
            return refuse("The JWT's audience (aud) is not one its issuer is trusted for");
        }
        List<TrustedIssuer> fitting = forAudience.stream().filter(trust -> RequiredClaims.unmet(trust, claims) == null)
                .toList();
        if (fitting.isEmpty()) {
            return refuse("The JWT's claim '" + RequiredClaims.unmet(forAudience.get(0), claims) + "' is missing or does"
                    + " not hold the value its issuer's trust requires");
        }
        if (fitting.size() > 1) {
            // Adding a trust refuses one that another tenant's overlaps; this catches a race between two such adds.
            return refuse("The JWT fits the trusts of more than one tenant, so it proves none; the tenants' trusts of"
                    + " this issuer must require a claim that tells them apart");
        }
        return Mono.just(fitting.get(0));
    }

    private Mono<Void> timely(JWTClaimsSet claims, TrustedIssuer trust, Consumer<TenantPrincipal> refused) {
        Instant now = clock.instant();
        Date expires = claims.getExpirationTime();
        Date notBefore = claims.getNotBeforeTime();
        Date issued = claims.getIssueTime();
        String refusal = null;
        if (expires == null) {
            refusal = "The JWT has no expiry (exp)";
        } else if (!now.isBefore(expires.toInstant().plus(CLOCK_SKEW))) {
            refusal = "The JWT expired at " + expires.toInstant() + "; the IdP must send a new one";
        } else if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
            refusal = "The JWT is not valid before " + notBefore.toInstant() + " (nbf)";
        } else if (issued != null && now.plus(CLOCK_SKEW).isBefore(issued.toInstant())) {
            refusal = "The JWT was issued in the future (iat " + issued.toInstant() + "); check the issuer's clock";
        }
        if (refusal == null) {
            return Mono.empty();
        }
        // Its signature verified: it proves its caller, whom the activity log of refusals names.
        refused.accept(new TenantPrincipal(trust.tenantId(), trust.id(), trust.issuer()));
        return refuse(refusal);
    }

    private static boolean isGatewayToken(JWTClaimsSet claims) {
        return TokenCodec.ISSUER.equals(claims.getIssuer()) || claims.getAudience().contains(AccessTokens.AUDIENCE);
    }

    private static Optional<JWT> parse(String token) {
        if (token.length() > MAX_LENGTH || token.chars().filter(c -> c == '.').count() < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(JWTParser.parse(token));
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String quoted(@Nullable String keyId) {
        return keyId == null ? "none" : "'" + (keyId.length() > 100 ? keyId.substring(0, 100) + "…" : keyId) + "'";
    }

    private static <T> Mono<T> refuse(String detail) {
        return Mono.error(ScimException.unauthorized(detail));
    }
}
