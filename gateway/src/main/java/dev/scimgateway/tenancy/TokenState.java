package dev.scimgateway.tenancy;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What verification needs of a token: its tenant, the hash of its text, whether it is revoked,
 * when it expires, and whether its scopes allow reads only.
 */
public record TokenState(UUID id, String tenantId, byte[] tokenHash, boolean revoked, Instant changedAt,
        @Nullable Instant expiresAt, boolean readOnly) {

    static TokenState revokedNow(UUID id, String tenantId, Instant now) {
        return new TokenState(id, tenantId, new byte[0], true, now, null, false);
    }
}
