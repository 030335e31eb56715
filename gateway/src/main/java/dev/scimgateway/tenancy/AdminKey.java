package dev.scimgateway.tenancy;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A tenant admin key as the operator sees it: never the key itself. */
public record AdminKey(UUID id, String tenantId, String name, Instant createdAt, @Nullable Instant revokedAt) {}
