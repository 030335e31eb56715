package dev.scimgateway.console;

import dev.scimgateway.edge.BasePaths;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.web.util.UriUtils;

/** The console's URLs, spelt in one place for routes, links and the security rules. */
final class ConsolePaths {

    static final String HOME = BasePaths.CONSOLE + "/";
    static final String SIGN_IN = BasePaths.CONSOLE + "/sign-in";
    static final String SIGN_OUT = BasePaths.CONSOLE + "/sign-out";
    static final String ASSETS = BasePaths.CONSOLE + "/assets";
    static final String TENANTS = BasePaths.CONSOLE + "/tenants";
    /** Every page of one tenant lives below this; the security rule for tenant admins matches it. */
    static final String TENANT = TENANTS + "/{tenantId}";
    static final String OVERVIEW = TENANT + "/overview";
    static final String FIGURES = OVERVIEW + "/figures";
    static final String CONNECT = TENANT + "/connect";
    static final String LIMITS = TENANT + "/limits";
    static final String SCHEMAS = TENANT + "/schemas";
    static final String SCHEMA_REMOVE = SCHEMAS + "/remove";
    static final String TOKENS = TENANT + "/tokens";
    static final String REVOKE = TOKENS + "/{tokenId}/revoke";
    static final String LAST_USED = TOKENS + "/last-used";
    static final String ADMIN_KEYS = TENANT + "/admin-keys";
    static final String REVOKE_KEY = ADMIN_KEYS + "/{keyId}/revoke";
    static final String USERS = TENANT + "/users";
    static final String USER = USERS + "/{userId}";
    static final String GROUPS = TENANT + "/groups";
    static final String GROUP = GROUPS + "/{groupId}";
    static final String ACTIVITY = TENANT + "/activity";
    static final String ACTIVITY_EXPORT = ACTIVITY + "/export";
    static final String SSO = TENANT + "/sso";
    static final String SSO_REMOVE = SSO + "/remove";
    static final String OAUTH_CLIENTS = TENANT + "/oauth-clients";
    static final String DELETE_OAUTH_CLIENT = OAUTH_CLIENTS + "/{clientId}/delete";
    static final String TRUSTED_ISSUERS = TENANT + "/trusted-issuers";
    static final String REMOVE_TRUSTED_ISSUER = TRUSTED_ISSUERS + "/{trustId}/remove";

    private ConsolePaths() {}

    static String overview(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/overview";
    }

    static String figures(String tenantId) {
        return overview(tenantId) + "/figures";
    }

    static String connect(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/connect";
    }

    static String limits(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/limits";
    }

    static String schemas(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/schemas";
    }

    static String schemaRemove(String tenantId) {
        return schemas(tenantId) + "/remove";
    }

    static String tokens(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/tokens";
    }

    static String adminKeys(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/admin-keys";
    }

    static String revokeKey(String tenantId, String keyId) {
        return adminKeys(tenantId) + "/" + segment(keyId) + "/revoke";
    }

    static String lastUsed(String tenantId) {
        return tokens(tenantId) + "/last-used";
    }

    static String revoke(String tenantId, String tokenId) {
        return tokens(tenantId) + "/" + segment(tokenId) + "/revoke";
    }

    static String users(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/users";
    }

    static String user(String tenantId, UUID userId) {
        return users(tenantId) + "/" + userId;
    }

    static String groups(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/groups";
    }

    static String group(String tenantId, UUID groupId) {
        return groups(tenantId) + "/" + groupId;
    }

    static String activity(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/activity";
    }

    static String oauthClients(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/oauth-clients";
    }

    static String deleteOAuthClient(String tenantId, String clientId) {
        return oauthClients(tenantId) + "/" + segment(clientId) + "/delete";
    }

    static String trustedIssuers(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/trusted-issuers";
    }

    static String removeTrustedIssuer(String tenantId, UUID trustId) {
        return trustedIssuers(tenantId) + "/" + trustId + "/remove";
    }

    static String activityExport(String tenantId) {
        return activity(tenantId) + "/export";
    }

    static String sso(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/sso";
    }

    static String ssoRemove(String tenantId) {
        return sso(tenantId) + "/remove";
    }

    /** {@code path} with a query of the given name-value pairs, each value encoded whole (spaces as %20). */
    static String withQuery(String path, String... pairs) {
        StringBuilder uri = new StringBuilder(path);
        for (int i = 0; i < pairs.length; i += 2) {
            uri.append(i == 0 ? '?' : '&').append(pairs[i]).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return uri.toString();
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
