package dev.scimgateway.tenancy;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.edge.PathSegments;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

/**
 * What a tenant admin may do on the admin API: manage its own tenant's SCIM tokens, OAuth clients, trusted issuers,
 * extension schemas and console single sign-on (its OpenID provider), and read its rate limits and
 * its activity log. Everything else is the operator's: listing and creating tenants, another tenant,
 * setting limits (they protect the database every tenant shares), and issuing admin keys (a tenant
 * admin does not mint more of its own kind). Deny by default: a route added later is the
 * operator's until it is named here.
 */
final class AdminAccess {

    private static final List<String> TENANTS = PathSegments.of(BasePaths.ADMIN + "/tenants");
    private static final Set<String> MANAGED = Set.of("tokens", "schemas", "oidc", "oauth-clients", "trusted-issuers");
    private static final Set<String> READABLE = Set.of("limits", "activity");

    private AdminAccess() {}

    static boolean allows(AdminPrincipal principal, HttpMethod method, PathContainer path) {
        if (principal.isOperator()) {
            return true;
        }
        List<String> segments = PathSegments.of(path);
        int tenantAt = TENANTS.size();
        if (segments.size() <= tenantAt + 1 || !segments.subList(0, tenantAt).equals(TENANTS)
                || !principal.mayManage(segments.get(tenantAt))) {
            return false;
        }
        String area = segments.get(tenantAt + 1);
        return MANAGED.contains(area)
                || (READABLE.contains(area) && (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)));
    }
}
