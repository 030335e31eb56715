package dev.scimgateway.tenancy;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A named token as the admin sees it: never its secret. */
public record TenantToken(
        UUID id, String tenantId, String name, Instant createdAt,
        @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {}
