package dev.scimgateway.tenancy;

import java.time.Instant;
import java.util.UUID;

/** What verification needs of a token: its tenant, the hash of its text, and whether it is revoked. */
public record TokenState(UUID id, String tenantId, byte[] tokenHash, boolean revoked, Instant changedAt) {}
