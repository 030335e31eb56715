package dev.scimgateway.resources;

import dev.scimgateway.scim.protocol.ResourceRecord;
import java.util.List;
import java.util.UUID;

/**
 * The outcome of a write: the record as it now stands, the memberships it added and removed, the
 * member ids that named no user.
 */
public record StoredWrite(ResourceRecord record, long membersAdded, List<UUID> skippedMembers, long membersRemoved) {

    public StoredWrite(ResourceRecord record, long membersAdded, List<UUID> skippedMembers) {
        this(record, membersAdded, skippedMembers, 0);
    }

    /** A write that changed no membership. */
    public static StoredWrite of(ResourceRecord record) {
        return new StoredWrite(record, 0, List.of());
    }

    /** Whether a membership row was added or removed: adding a member who is one or removing one who is not is no change. */
    public boolean changedMembers() {
        return membersAdded > 0 || membersRemoved > 0;
    }

    /** The same membership outcome, for the record as it stands after the row's own write. */
    public StoredWrite withRecord(ResourceRecord current) {
        return new StoredWrite(current, membersAdded, skippedMembers, membersRemoved);
    }
}
