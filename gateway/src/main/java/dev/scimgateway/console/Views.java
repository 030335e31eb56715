package dev.scimgateway.console;

import dev.scimgateway.events.ActivityEntry;
import dev.scimgateway.events.ActivityKind;
import dev.scimgateway.tenancy.AdminPrincipal;
import dev.scimgateway.tenancy.AdminKey;
import dev.scimgateway.tenancy.TenantToken;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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

    /** A menu entry; an operator's own pages are left out of a tenant admin's menu. */
    public record NavItem(String label, String href, boolean current, boolean operatorOnly) {

        NavItem(String label, String href, boolean current) {
            this(label, href, current, false);
        }
    }

    /** One admin key of a tenant, for the operator. */
    public record KeyRow(String id, String name, Times created, @Nullable Times revoked, boolean active,
            String revokeHref) {

        static KeyRow of(AdminKey key, Instant now, String revokeHref) {
            return new KeyRow(key.id().toString(), key.name(), Times.of(key.createdAt(), now),
                    Times.of(key.revokedAt(), now), key.revokedAt() == null, revokeHref);
        }
    }

    public record Csrf(String parameter, String token) {}

    public record Choice(String value, String label, boolean selected) {}

    /** One row of the SCIM Integration dashboard; an OAuth client's grant is a row too, named for the client. */
    public record TokenRow(String id, String name, String scopes, Times created, @Nullable Times lastUsed,
            @Nullable Times expires, String status, boolean active, String revokeHref, boolean oauth, boolean federated) {

        static TokenRow of(TenantToken token, Instant now, String revokeHref) {
            String status = token.status(now);
            return new TokenRow(token.id().toString(), token.name(), String.join(" ", token.scopes()),
                    Times.of(token.createdAt(), now), Times.of(token.lastUsedAt(), now), Times.of(token.expiresAt(), now),
                    status, status.equals("active"), revokeHref, token.oauthClientId() != null,
                    token.trustedIssuer() != null);
        }
    }

    /** A token's last use as the dashboard refreshes it without a reload. */
    public record LastUse(String id, String name, @Nullable Times lastUsed) {

        static LastUse of(TenantToken token, Instant now) {
            return new LastUse(token.id().toString(), token.name(), Times.of(token.lastUsedAt(), now));
        }
    }

    /** One user in the list; text the IdP did not send is "" so that templates need no null checks. */
    public record UserRow(String userName, String displayName, String email, String status, String href) {

        static UserRow of(TenantDirectory.UserSummary user, String href) {
            return new UserRow(user.userName(), orEmpty(user.displayName()), orEmpty(user.email()), Views.status(user.active()),
                    href);
        }
    }

    public record GroupRow(String displayName, long members, String externalId, Times lastModified, String href) {

        static GroupRow of(TenantDirectory.GroupSummary group, Instant now, String href) {
            return new GroupRow(group.displayName(), group.members(), orEmpty(group.externalId()),
                    java.util.Objects.requireNonNull(Times.of(group.lastModified(), now)), href);
        }
    }

    /** A group on a user's page: "direct" when the user is a member itself, else "indirect" (through a nested group). */
    public record GroupLink(String displayName, String kind, String href) {}

    /** One member on a group's page; a group as a member has no status. */
    public record MemberRow(String name, String type, String display, String status, String href) {

        static MemberRow of(TenantDirectory.Member member, String href) {
            return new MemberRow(member.name(), member.type(), orEmpty(member.display()),
                    member.active() == null ? "" : Views.status(member.active()), href);
        }
    }

    /** One row as the page shows it; text that is absent is "" so that the template needs no null checks. */
    public record ActivityRow(Times at, String kind, String action, String resource, String status, String scimType, String detail,
            String token, String request, boolean error) {

        static ActivityRow of(ActivityEntry entry, Instant now) {
            String resource = entry.label() != null ? entry.label()
                    : entry.resourceId() != null ? entry.resourceId().toString() : "";
            String type = entry.resourceType() == null ? "" : entry.resourceType() + " ";
            boolean error = entry.kind() == ActivityKind.ERROR;
            String action = error ? Views.orEmpty(entry.method()) + " " + Views.orEmpty(entry.path()) : entry.action()
                    + members(entry);
            return new ActivityRow(Objects.requireNonNull(Times.of(entry.at(), now)), entry.kind().wireName(), action,
                    type + resource, entry.status() == null ? "" : entry.status().toString(),
                    Views.orEmpty(entry.scimType()), Views.orEmpty(entry.detail()), Views.orEmpty(entry.tokenName()),
                    Views.orEmpty(entry.requestId()), error);
        }

        private static String members(ActivityEntry entry) {
            StringBuilder text = new StringBuilder();
            if (entry.membersAdded() != null && entry.membersAdded() > 0) {
                text.append(", +").append(entry.membersAdded()).append(" members");
            }
            if (entry.membersRemoved() != null && entry.membersRemoved() > 0) {
                text.append(", −").append(entry.membersRemoved()).append(" members");
            }
            return text.toString();
        }
    }

    /** A link to the next page of a list, or none on the last page. */
    public record Next(String href) {}

    static String status(boolean active) {
        return active ? "active" : "deactivated";
    }

    static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    static Who who(AdminPrincipal principal) {
        return principal.isOperator() ? new Who("Operator", "all tenants")
                : new Who(principal.name(), "admin of " + principal.tenantId());
    }

    /** The pages of one tenant, in menu order: the Overview first, where a tenant admin lands. */
    static List<NavItem> tenantNav(String tenantId, String current) {
        return List.of(new NavItem("Overview", ConsolePaths.overview(tenantId), current.equals("overview")),
                new NavItem("SCIM Integration", ConsolePaths.tokens(tenantId), current.equals("tokens")),
                new NavItem("Connect", ConsolePaths.connect(tenantId), current.equals("connect")),
                new NavItem("Users", ConsolePaths.users(tenantId), current.equals("users")),
                new NavItem("Groups", ConsolePaths.groups(tenantId), current.equals("groups")),
                new NavItem("Activity", ConsolePaths.activity(tenantId), current.equals("activity")),
                new NavItem("Single sign-on", ConsolePaths.sso(tenantId), current.equals("sso")),
                new NavItem("OAuth clients", ConsolePaths.oauthClients(tenantId), current.equals("oauth-clients")),
                new NavItem("Trusted issuers", ConsolePaths.trustedIssuers(tenantId), current.equals("trusted-issuers")),
                new NavItem("Extension schemas", ConsolePaths.schemas(tenantId), current.equals("schemas")),
                new NavItem("Rate limits", ConsolePaths.limits(tenantId), current.equals("limits")),
                new NavItem("Admin keys", ConsolePaths.adminKeys(tenantId), current.equals("admin-keys"), true));
    }
}
