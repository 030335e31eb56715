package dev.scimgateway.edge;

import java.util.UUID;

/** Who is calling the SCIM API: the tenant and the token, as proven by the token. */
public record TenantPrincipal(String tenantId, UUID tokenId) {}
