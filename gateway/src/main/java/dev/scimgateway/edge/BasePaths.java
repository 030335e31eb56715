package dev.scimgateway.edge;

/** Where the two APIs start. Routes, links and the edge all spell them from here. */
public final class BasePaths {

    /** The SCIM service provider's base (RFC 7644 §3.13 puts the version in it). */
    public static final String SCIM = "/scim/v2";
    /** The operator's API for tenants, tokens, limits and schemas. */
    public static final String ADMIN = "/admin/v1";
    /** The tenant admin console: server-rendered pages for browsers. */
    public static final String CONSOLE = "/console";
    /** The change feed: Shared Signals stream management and polling, for tokens with the scope {@code events}. */
    public static final String EVENTS = "/events/v1";
    /** The OAuth 2.0 authorization server's token, revocation and key endpoints, for SCIM clients. */
    public static final String OAUTH = "/oauth2";
    /** Documents anyone may read: the feed's transmitter metadata and its public keys. */
    public static final String WELL_KNOWN = "/.well-known";

    private BasePaths() {}
}
