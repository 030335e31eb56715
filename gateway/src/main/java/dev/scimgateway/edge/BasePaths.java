package dev.scimgateway.edge;

/** Where the two APIs start. Routes, links and the edge all spell them from here. */
public final class BasePaths {

    /** The SCIM service provider's base (RFC 7644 §3.13 puts the version in it). */
    public static final String SCIM = "/scim/v2";
    /** The operator's API for tenants, tokens, limits and schemas. */
    public static final String ADMIN = "/admin/v1";
    /** The tenant admin console: server-rendered pages for browsers. */
    public static final String CONSOLE = "/console";

    private BasePaths() {}
}
