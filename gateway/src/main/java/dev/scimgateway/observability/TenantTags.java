package dev.scimgateway.observability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenant ids as metric tags, bounded: the first {@code limit} tenants seen keep their own tag and
 * every later one is counted under {@code other}, so a gateway with thousands of tenants cannot
 * flood Prometheus with series.
 */
public final class TenantTags {

    public static final String OTHER = "other";

    private final int limit;
    private final Set<String> tagged = ConcurrentHashMap.newKeySet();

    public TenantTags(int limit) {
        this.limit = limit;
    }

    public String of(String tenantId) {
        if (tagged.contains(tenantId)) {
            return tenantId;
        }
        // A race may admit a few tenants past the limit; the bound stays within a handful.
        if (tagged.size() < limit) {
            tagged.add(tenantId);
            return tenantId;
        }
        return OTHER;
    }
}
