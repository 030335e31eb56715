package dev.scimgateway.tenancy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What verification needs of a token: its tenant, the hash of its text, whether it is revoked,
 * when it expires and its scopes; and its name, which the activity log records beside its id.
 */
public record TokenState(UUID id, String tenantId, String name, byte[] tokenHash, boolean revoked, Instant changedAt,
        @Nullable Instant expiresAt, List<String> scopes) {

    static TokenState revokedNow(UUID id, String tenantId, Instant now) {
        return new TokenState(id, tenantId, "", new byte[0], true, now, null, List.of());
    }

    /** Whether its scopes allow reads only. */
    public boolean readOnly() {
        return TokenScopes.readOnly(scopes);
    }
}
