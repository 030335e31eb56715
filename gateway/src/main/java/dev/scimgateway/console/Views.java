package dev.scimgateway.console;

import dev.scimgateway.tenancy.AdminPrincipal;
import dev.scimgateway.tenancy.TenantToken;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the templates show, prepared here: the templates only print and repeat, they decide nothing. */
public final class Views {

    private Views() {}

    /** The frame of every page: who is signed in, where they can go, and the CSRF field of its forms. */
    public record Frame(String title, @Nullable Who who, List<NavItem> nav, Csrf csrf) {

        public boolean hasNav() {
            return !nav.isEmpty();
        }
    }

    public record Who(String name, String role) {}

    public record NavItem(String label, String href, boolean current) {}

    public record Csrf(String parameter, String token) {}

    public record Choice(String value, String label, boolean selected) {}

    /** One row of the SCIM Integration dashboard. */
    public record TokenRow(String id, String name, String scopes, Times created, @Nullable Times lastUsed,
            @Nullable Times expires, String status, boolean active, String revokeHref) {

        static TokenRow of(TenantToken token, Instant now, String revokeHref) {
            String status = token.status(now);
            return new TokenRow(token.id().toString(), token.name(), String.join(" ", token.scopes()),
                    Times.of(token.createdAt(), now), Times.of(token.lastUsedAt(), now), Times.of(token.expiresAt(), now),
                    status, status.equals("active"), revokeHref);
        }
    }

    static Who who(AdminPrincipal principal) {
        return principal.isOperator() ? new Who("Operator", "all tenants")
                : new Who(principal.name(), "admin of " + principal.tenantId());
    }

    /**
     * The pages of one tenant, in menu order. Only the SCIM Integration page exists in this slice;
     * Overview, Users, Groups and Activity take their places here as they come.
     */
    static List<NavItem> tenantNav(String tenantId, String current) {
        return List.of(new NavItem("SCIM Integration", ConsolePaths.tokens(tenantId), current.equals("tokens")));
    }
}
