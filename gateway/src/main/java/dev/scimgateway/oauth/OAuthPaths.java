package dev.scimgateway.oauth;

import dev.scimgateway.edge.BasePaths;

/** The authorization server's URLs, spelt in one place for its routes, its metadata and the console. */
public final class OAuthPaths {

    /** RFC 8414 §3: the metadata of an issuer without a path. */
    public static final String METADATA = BasePaths.WELL_KNOWN + "/oauth-authorization-server";
    /**
     * The authorization endpoint is a console page: the admin who authorizes a client signs in to
     * the console, and its session, CSRF protection and headers guard the consent.
     */
    public static final String AUTHORIZE = BasePaths.CONSOLE + "/oauth/authorize";
    public static final String TOKEN = BasePaths.OAUTH + "/token";
    public static final String REVOKE = BasePaths.OAUTH + "/revoke";
    public static final String JWKS = BasePaths.OAUTH + "/jwks";

    private OAuthPaths() {}
}
