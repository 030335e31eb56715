package dev.scimgateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What provisioning did, per tenant: the onboarding progress an SRE watches during a large
 * tenant's first sync (users, groups and memberships created) and the member ids skipped.
 */
public final class ProvisioningMetrics {

    private final TenantTags tenants;
    private final MetersByTag<String, Counter> users;
    private final MetersByTag<String, Counter> groups;
    private final MetersByTag<String, Counter> memberships;
    private final MetersByTag<String, Counter> skipped;

    public ProvisioningMetrics(MeterRegistry meters, TenantTags tenants) {
        this.tenants = tenants;
        this.users = perTenant(meters, "scim.onboarding.users", "Users created, per tenant");
        this.groups = perTenant(meters, "scim.onboarding.groups", "Groups created, per tenant");
        this.memberships = perTenant(meters, "scim.onboarding.memberships", "Group memberships added, per tenant");
        this.skipped = perTenant(meters, "scim.group.members.skipped",
                "Member ids in group writes that named no user or group of the tenant and were skipped");
    }

    private static MetersByTag<String, Counter> perTenant(MeterRegistry meters, String name, String description) {
        return new MetersByTag<>(tenant -> Counter.builder(name).description(description).tag("tenant", tenant)
                .register(meters));
    }

    public void usersCreated(String tenantId, long count) {
        users.of(tenants.of(tenantId)).increment(count);
    }

    public void groupsCreated(String tenantId, long count) {
        groups.of(tenants.of(tenantId)).increment(count);
    }

    public void membershipsAdded(String tenantId, long count) {
        if (count > 0) {
            memberships.of(tenants.of(tenantId)).increment(count);
        }
    }

    public void membersSkipped(String tenantId, long count) {
        if (count > 0) {
            skipped.of(tenants.of(tenantId)).increment(count);
        }
    }
}
