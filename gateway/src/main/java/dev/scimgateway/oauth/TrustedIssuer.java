package dev.scimgateway.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A tenant's trust in an external issuer: a JWT whose {@code iss} is {@code issuer}, whose
 * {@code aud} names one of {@code audiences}, which carries every one of {@code requiredClaims} and
 * is signed by a key published at {@code jwksUri} authenticates SCIM requests for the tenant. Its id
 * is also the id of the tenant_token row that stands for it in the token list.
 */
public record TrustedIssuer(UUID id, String tenantId, String issuer, List<String> audiences, String jwksUri,
        Map<String, String> requiredClaims, Instant createdAt) {

    public TrustedIssuer {
        audiences = List.copyOf(audiences);
        requiredClaims = Map.copyOf(requiredClaims);
    }

    /**
     * Whether no JWT can satisfy both trusts: another issuer, no audience in common, or a claim that
     * both require with different values. Two tenants may trust one issuer only so, or a JWT would
     * prove two tenants at once.
     */
    boolean distinctFrom(TrustedIssuer other) {
        if (!issuer.equals(other.issuer) || audiences.stream().noneMatch(other.audiences::contains)) {
            return true;
        }
        return requiredClaims.entrySet().stream().anyMatch(claim -> other.requiredClaims.containsKey(claim.getKey())
                && !Objects.equals(other.requiredClaims.get(claim.getKey()), claim.getValue()));
    }
}
