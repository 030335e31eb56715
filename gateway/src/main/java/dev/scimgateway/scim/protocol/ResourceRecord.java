package dev.scimgateway.scim.protocol;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored SCIM resource: the attributes the client owns (normalized, without id, meta and
 * password) and the server-owned identity and bookkeeping that become {@code id} and {@code meta}.
 */
public record ResourceRecord(UUID id, ObjectNode attributes, Instant created, Instant lastModified, long version) {

    /** The weak ETag of RFC 7644 §3.14; it changes with every write. */
    public String etag() {
        return "W/\"" + version + "\"";
    }
}
