package dev.scimgateway.edge;

import java.util.UUID;

/**
 * Who is calling the SCIM API: the tenant and the token, as proven by the token, and the token's
 * name, which the activity log records beside its id.
 */
public record TenantPrincipal(String tenantId, UUID tokenId, String tokenName) {}
