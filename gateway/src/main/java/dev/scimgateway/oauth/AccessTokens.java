package dev.scimgateway.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.scimgateway.crypto.SigningKeys;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Access tokens are RFC 9068 JWTs ({@code typ: at+jwt}) signed ES256 with the gateway's keys. They
 * carry the tenant, the grant, the client and the scope, so that a replica verifies one from memory;
 * the grant's row (a token row of its tenant) says whether it is still active.
 */
public final class AccessTokens {

    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    /** Who the tokens are for: the SCIM API of this gateway, whichever host name it is reached by. */
    static final String AUDIENCE = "scim-gateway";
    private static final String TENANT = "tenant";
    private static final String GRANT = "grant_id";
    private static final String CLIENT = "client_id";
    private static final String SCOPE = "scope";
    /** A JWT of three parts is short; anything longer is refused unread. */
    private static final int MAX_LENGTH = 4096;

    /** What a verified token says. */
    record Verified(String tenantId, UUID grantId, String clientId, List<String> scopes, Instant expiresAt) {}

    private final SigningKeys keys;
    private final Duration lifetime;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, Duration lifetime, Clock clock) {
        this.keys = keys;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    Duration lifetime() {
        return lifetime;
    }

    String issue(String issuer, String tenantId, UUID grantId, String clientId, List<String> scopes) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(clientId)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim(CLIENT, clientId)
                .claim(TENANT, tenantId)
                .claim(GRANT, grantId.toString())
                .claim(SCOPE, String.join(" ", scopes))
                .build();
        return keys.sign(AT_JWT, claims.toString());
    }

    /** The token's claims when this gateway signed it as an access token; empty for anything else. Expiry is the caller's to judge. */
    Optional<Verified> verify(String token) {
        if (token.length() > MAX_LENGTH || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            JWSObject jws = JWSObject.parse(token);
            if (!keys.verifies(jws, AT_JWT)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = JWTClaimsSet.parse(jws.getPayload().toJSONObject());
            String tenant = claims.getStringClaim(TENANT);
            String grant = claims.getStringClaim(GRANT);
            String client = claims.getStringClaim(CLIENT);
            String scope = claims.getStringClaim(SCOPE);
            Date expires = claims.getExpirationTime();
            if (tenant == null || grant == null || client == null || scope == null || expires == null
                    || !claims.getAudience().contains(AUDIENCE)) {
                return Optional.empty();
            }
            return Optional.of(new Verified(tenant, UUID.fromString(grant), client, List.of(scope.split(" ")),
                    expires.toInstant()));
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
