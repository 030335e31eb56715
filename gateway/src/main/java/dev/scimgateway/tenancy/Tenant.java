package dev.scimgateway.tenancy;

import java.time.Instant;

public record Tenant(String id, String displayName, Instant createdAt) {}
