package dev.scimgateway.console;

import dev.scimgateway.edge.BasePaths;
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
    static final String TOKENS = TENANT + "/tokens";
    static final String REVOKE = TOKENS + "/{tokenId}/revoke";

    private ConsolePaths() {}

    static String tokens(String tenantId) {
        return TENANTS + "/" + segment(tenantId) + "/tokens";
    }

    static String revoke(String tenantId, String tokenId) {
        return tokens(tenantId) + "/" + segment(tokenId) + "/revoke";
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
