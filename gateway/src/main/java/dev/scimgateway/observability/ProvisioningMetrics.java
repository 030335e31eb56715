package dev.scimgateway.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What provisioning did, per tenant: the onboarding progress an SRE watches during a large
 * tenant's first sync (users, groups and memberships created) and the member ids skipped.
 */
public final class ProvisioningMetrics {

    private final MeterRegistry meters;
    private final TenantTags tenants;

    public ProvisioningMetrics(MeterRegistry meters, TenantTags tenants) {
        this.meters = meters;
        this.tenants = tenants;
    }

    public void usersCreated(String tenantId, long count) {
        counter("scim.onboarding.users", "Users created, per tenant", tenantId).increment(count);
    }

    public void groupsCreated(String tenantId, long count) {
        counter("scim.onboarding.groups", "Groups created, per tenant", tenantId).increment(count);
    }

    public void membershipsAdded(String tenantId, long count) {
        if (count > 0) {
            counter("scim.onboarding.memberships", "Group memberships added, per tenant", tenantId).increment(count);
        }
    }

    public void membersSkipped(String tenantId, long count) {
        if (count > 0) {
            counter("scim.group.members.skipped",
                    "Member ids in group writes that named no user of the tenant and were skipped", tenantId)
                    .increment(count);
        }
    }

    private Counter counter(String name, String description, String tenantId) {
        return Counter.builder(name).description(description).tag("tenant", tenants.of(tenantId)).register(meters);
    }
}
