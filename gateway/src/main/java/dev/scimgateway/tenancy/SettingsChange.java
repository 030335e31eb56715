package dev.scimgateway.tenancy;

import java.time.Instant;

/** A tenant whose limits or extension schemas changed, and when (the database's clock). */
public record SettingsChange(String tenantId, Instant changedAt) {}
