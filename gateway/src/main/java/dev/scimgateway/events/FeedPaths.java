package dev.scimgateway.events;

import dev.scimgateway.edge.BasePaths;

/** Where the change feed is served: every route and every URL it advertises is spelt from here. */
public final class FeedPaths {

    /** SSF 1.0 §7.2: the transmitter metadata, readable by anyone. */
    public static final String METADATA = BasePaths.WELL_KNOWN + "/ssf-configuration";
    /** The public keys SETs are signed with, readable by anyone. */
    public static final String JWKS = BasePaths.WELL_KNOWN + "/ssf-jwks.json";
    /** SSF configuration endpoint: create, read, update, replace and delete streams. */
    public static final String STREAMS = BasePaths.EVENTS + "/streams";
    /** SSF status endpoint. */
    public static final String STATUS = BasePaths.EVENTS + "/status";
    /** RFC 8936 poll endpoint of one stream, below {@link #STREAMS}. */
    public static final String POLL_SUFFIX = "/sets";

    private FeedPaths() {}

    /** A stream's own URL: the {@code aud} of its SETs; its poll endpoint is below it. */
    public static String stream(String issuer, EventStream stream) {
        return issuer + STREAMS + "/" + stream.streamId();
    }

    public static String poll(String issuer, EventStream stream) {
        return stream(issuer, stream) + POLL_SUFFIX;
    }
}
