package dev.scimgateway.scim.protocol;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored SCIM resource: the attributes the client owns (normalized, without id, meta and
 * password) and the server-owned identity and bookkeeping that become {@code id} and {@code meta}.
 */
public record ResourceRecord(UUID id, ObjectNode attributes, Instant created, Instant lastModified, long version) {

    /**
     * A resource about to be created: a new id, version 1, created and last modified at
     * {@code now} to the microsecond, the precision its timestamps are stored with (PostgreSQL
     * {@code timestamptz}), so that the answer to the create equals every later read of it.
     */
    public static ResourceRecord newResource(ObjectNode attributes, Instant now) {
        Instant stored = now.truncatedTo(ChronoUnit.MICROS);
        return new ResourceRecord(UUID.randomUUID(), attributes, stored, stored, 1);
    }

    /**
     * The id a string spells, when it is one this gateway could have assigned (a UUID in its
     * 36-character form); anything else names no resource.
     */
    public static Optional<UUID> parseId(String raw) {
        try {
            return raw.length() == 36 ? Optional.of(UUID.fromString(raw)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The weak ETag of RFC 7644 §3.14; it changes with every write. */
    public String etag() {
        return "W/\"" + version + "\"";
    }
}
