package dev.scimgateway.groups;

import dev.scimgateway.scim.protocol.ResourceRecord;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A group as read: its record and, when asked for, its members. */
public record GroupView(ResourceRecord record, @Nullable List<Member> members) {

    /** A member as a group response shows it: the user's id and a display name. */
    public record Member(UUID value, @Nullable String display) {}
}
