package dev.scimgateway.resources;

import dev.scimgateway.scim.protocol.ResourceRecord;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A resource as read: its record and, when its type has members and they were asked for, its members. */
public record ResourceView(ResourceRecord record, @Nullable List<Member> members) {

    /** A view of a record alone. */
    public static ResourceView of(ResourceRecord record) {
        return new ResourceView(record, null);
    }

    /** A member as a response shows it: the user's id and a display name. */
    public record Member(UUID value, @Nullable String display) {}
}
