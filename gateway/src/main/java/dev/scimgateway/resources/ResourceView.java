package dev.scimgateway.resources;

import dev.scimgateway.scim.protocol.ResourceRecord;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A resource as read: its record and, when its type has a membership attribute and it was asked
 * for, the resources that membership relates it to (a group's members, a user's groups).
 */
public record ResourceView(ResourceRecord record, @Nullable List<Member> members) {

    /** A view of a record alone. */
    public static ResourceView of(ResourceRecord record) {
        return new ResourceView(record, null);
    }

    /**
     * A related resource as a response shows it: its id, a display name, and its {@code type}: "User"
     * or "Group" for a group's member, "direct" or "indirect" for a user's group (RFC 7643 §4.1.2, §4.2).
     */
    public record Member(UUID value, @Nullable String display, String type) {}
}
