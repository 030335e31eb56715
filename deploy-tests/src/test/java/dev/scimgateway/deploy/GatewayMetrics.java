package dev.scimgateway.deploy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Prometheus series the gateway exports, as read from its /actuator/prometheus after SCIM
 * traffic (scim_rate_limited_total appears after the first 429). Alerts and dashboard panels may
 * only use these, so a renamed or misspelt metric fails here instead of silently never firing.
 * This list is typed by hand and checked fast on every chart render; the authority is the
 * gateway's AlertAndDashboardMetricsTest, which compares the same files with a real scrape.
 */
final class GatewayMetrics {

    static final Set<String> EXPORTED = Set.of(
            "up",
            // RequestMetricsFilter: every /scim/** request, 401s included.
            "scim_requests_seconds_bucket", "scim_requests_seconds_count", "scim_requests_seconds_sum",
            "scim_requests_inflight", "scim_tenant_requests_total",
            "scim_rate_limited_total", "scim_overload_rejected_total", "scim_idempotent_replays_total",
            "scim_onboarding_users_total", "scim_onboarding_groups_total", "scim_onboarding_memberships_total",
            "scim_group_members_skipped_total", "scim_bulk_operations_total",
            // The activity log and the change feed.
            "scim_events_written_total", "scim_events_feed_lag", "scim_events_push_failures_total",
            "scim_events_streams_paused_total", "scim_activity_refusals_total",
            // resilience4j-micrometer TaggedBulkheadMetrics / TaggedCircuitBreakerMetrics, name="database".
            "resilience4j_bulkhead_available_concurrent_calls", "resilience4j_bulkhead_max_allowed_concurrent_calls",
            "resilience4j_circuitbreaker_state", "resilience4j_circuitbreaker_calls_seconds_count",
            "resilience4j_circuitbreaker_not_permitted_calls_total",
            "r2dbc_pool_acquired_connections", "r2dbc_pool_max_allocated_connections", "r2dbc_pool_pending_connections",
            "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum");

    /** Planned but not exported yet: whatever uses them must say "not yet available". */
    static final Set<String> NOT_YET_AVAILABLE = Set.of();

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private GatewayMetrics() {}

    /** Metric names of the selectors in PromQL text (every selector here carries job and namespace). */
    static Set<String> in(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = SELECTOR.matcher(promql);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
