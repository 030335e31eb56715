package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.UUID;

/** Resource ids are UUIDs the gateway assigned; anything else names no resource. */
public final class ResourceIds {

    private ResourceIds() {}

    public static UUID parse(String raw, String resourceType) {
        return ResourceRecord.parseId(raw).orElseThrow(() -> ScimException.notFound(resourceType + " '" + raw
                + "' not found: ids are UUIDs this gateway assigned"));
    }
}
