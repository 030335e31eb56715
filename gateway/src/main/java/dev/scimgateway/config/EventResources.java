package dev.scimgateway.config;

import dev.scimgateway.events.ResourceSnapshots;
import dev.scimgateway.resources.ResourceKind;
import dev.scimgateway.resources.ResourceKinds;
import dev.scimgateway.scim.schema.Projection;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.tenancy.TenantSchemas;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * The feed's view of resources, through the resource types' own stores and rendering: a full
 * event carries what a GET of the resource answers with default attributes.
 */
final class EventResources implements ResourceSnapshots {

    private final ResourceKinds kinds;
    private final TenantSchemas catalogs;
    private final ResourceRenderer renderer;

    EventResources(ResourceKinds kinds, TenantSchemas catalogs, ResourceRenderer renderer) {
        this.kinds = kinds;
        this.catalogs = catalogs;
        this.renderer = renderer;
    }

    @Override
    public String path(String resourceType, UUID id) {
        return kind(resourceType).definition().endpoint() + "/" + id;
    }

    @Override
    public Mono<ObjectNode> current(String tenantId, String resourceType, UUID id, String scimBaseUrl) {
        ResourceKind kind = kind(resourceType);
        return catalogs.of(tenantId).flatMap(catalog -> kind.store().find(tenantId, id, kind.membership().isPresent())
                .map(view -> Projection.project(kind.render(view, renderer, scimBaseUrl), kind.schemas(catalog),
                        List.of(), List.of())));
    }

    private ResourceKind kind(String resourceType) {
        return kinds.all().stream().filter(kind -> kind.definition().name().equals(resourceType)).findFirst()
                .orElseThrow(() -> new IllegalStateException("The activity log names a resource type that is not served: "
                        + resourceType));
    }
}
