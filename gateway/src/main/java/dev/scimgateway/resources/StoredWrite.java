package dev.scimgateway.resources;

import dev.scimgateway.scim.protocol.ResourceRecord;
import java.util.List;
import java.util.UUID;

/** The outcome of a write: the new record, the memberships it added, the member ids that named no user. */
public record StoredWrite(ResourceRecord record, long membersAdded, List<UUID> skippedMembers) {

    /** A write that changed no membership. */
    public static StoredWrite of(ResourceRecord record) {
        return new StoredWrite(record, 0, List.of());
    }
}
