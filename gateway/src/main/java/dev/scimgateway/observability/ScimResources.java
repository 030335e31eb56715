package dev.scimgateway.observability;

import dev.scimgateway.edge.Endpoint;
import dev.scimgateway.edge.RequestContext;

/** The resource tag of a SCIM request: a handful of fixed values, whatever ids the path holds. */
final class ScimResources {

    private ScimResources() {}

    static String of(RequestContext context) {
        return switch (context.resource()) {
            case "Users", "Groups", "Bulk", "Me" -> context.resource();
            default -> context.endpoint() == Endpoint.DISCOVERY ? "discovery"
                    : context.endpoint() == Endpoint.SEARCH ? "search" : "other";
        };
    }
}
