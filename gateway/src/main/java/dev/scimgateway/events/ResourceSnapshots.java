package dev.scimgateway.events;

import java.util.UUID;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** What a SET says of its resource, read through the resource types' own services. */
public interface ResourceSnapshots {

    /** The resource's path below the SCIM base ({@code /Users/{id}}): RFC 9967's {@code sub_id} {@code uri}. */
    String path(String resourceType, UUID id);

    /**
     * The resource as the gateway returns it now, with its default attributes (never a password:
     * none is stored), {@code meta.location} under {@code scimBaseUrl}; empty when it is gone.
     */
    Mono<ObjectNode> current(String tenantId, String resourceType, UUID id, String scimBaseUrl);
}
