package dev.scimgateway.groups;

import dev.scimgateway.scim.protocol.ResourceRecord;
import java.util.List;
import java.util.UUID;

/** The outcome of a group write: the new record, the memberships it added, the member ids that named no user. */
public record GroupWrite(ResourceRecord record, long membersAdded, List<UUID> skippedMembers) {}
