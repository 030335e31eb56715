package dev.scimgateway.events;

import java.time.Instant;

/**
 * One hour of a tenant's activity log, counted: what its IdP changed, by the kind of change, and
 * what the gateway refused (of which {@code rateLimited} got 429). Updates are replacements and
 * patches, reactivations included; a deactivation (a patch or replacement that sets active to
 * false) and a delete are counted apart, not as updates.
 */
public record HourlyActivity(Instant hour, long created, long updated, long deactivated, long deleted, long refused,
        long rateLimited) {

    public long changes() {
        return created + updated + deactivated + deleted;
    }
}
