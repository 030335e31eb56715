package dev.scimgateway.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A named token as the admin sees it: never its secret. An OAuth grant is listed as a token too,
 * named for its client, with {@code oauthClientId} set: revoking it ends the grant. So is a trusted
 * issuer, named for the issuer, with {@code trustedIssuer} set: revoking it ends the trust.
 */
public record TenantToken(
        UUID id, String tenantId, String name, List<String> scopes, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant revokedAt, @Nullable Instant expiresAt,
        @Nullable String oauthClientId, @Nullable String trustedIssuer) {

    public TenantToken {
        scopes = List.copyOf(scopes);
    }

    /** What the dashboard and the API call its state at {@code now}. */
    public String status(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return expiresAt != null && !now.isBefore(expiresAt) ? "expired" : "active";
    }
}
