package dev.scimgateway.tenancy;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling the admin API or signed in to the console: the operator (every tenant), or a
 * tenant admin, proven by one of the admin keys the operator issued for that tenant or, in the
 * console, by the tenant's own OpenID provider (single sign-on).
 *
 * @param tenantId the one tenant of a tenant admin; null for the operator
 * @param keyId the admin key; null for the operator and for a single sign-on
 * @param name the key's name, "operator", or the e-mail address (else the subject) the tenant's provider vouched for
 */
public record AdminPrincipal(@Nullable String tenantId, @Nullable UUID keyId, String name) {

    public static final AdminPrincipal OPERATOR = new AdminPrincipal(null, null, "operator");

    public boolean isOperator() {
        return tenantId == null;
    }

    public boolean mayManage(String tenant) {
        return tenantId == null || tenantId.equals(tenant);
    }
}
