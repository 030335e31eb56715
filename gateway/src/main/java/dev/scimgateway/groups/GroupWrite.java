package dev.scimgateway.groups;

import dev.scimgateway.scim.protocol.ResourceRecord;
import java.util.List;
import java.util.UUID;

/** The outcome of a group write: the new record and the member ids that named no user. */
public record GroupWrite(ResourceRecord record, List<UUID> skippedMembers) {}
