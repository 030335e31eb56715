package dev.scimgateway.scim.web;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.compat.ClientQuirks;
import dev.scimgateway.scim.schema.SchemaDocuments;
import dev.scimgateway.scim.schema.ServiceProviderCapabilities;
import dev.scimgateway.scim.schema.ResourceTypeDefinition;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.BiFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** The discovery endpoints of RFC 7644 §4: what this gateway supports and the schemas it serves. */
public final class DiscoveryHandler {

    private final ScimResponses responses;
    private final ServiceProviderCapabilities capabilities;
    private final Function<ServerRequest, Mono<List<ResourceTypeDefinition>>> resourceTypes;

    /** @param resourceTypes the calling tenant's resource types, with the extensions it registered */
    public DiscoveryHandler(ScimResponses responses, ServiceProviderCapabilities capabilities,
            Function<ServerRequest, Mono<List<ResourceTypeDefinition>>> resourceTypes) {
        this.responses = responses;
        this.capabilities = capabilities;
        this.resourceTypes = resourceTypes;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(BasePaths.SCIM + "/ServiceProviderConfig", request -> document(request, SchemaDocuments::serviceProviderConfig))
                .GET(BasePaths.SCIM + "/ResourceTypes", request -> page(request, SchemaDocuments::resourceTypes))
                .GET(BasePaths.SCIM + "/ResourceTypes/{id}", request -> one(request, SchemaDocuments::resourceType, "ResourceType"))
                .GET(BasePaths.SCIM + "/Schemas", request -> page(request, SchemaDocuments::schemas))
                .GET(BasePaths.SCIM + "/Schemas/{id}", request -> one(request,
                        (documents, id) -> documents.schema(ClientQuirks.schemaId(id)), "Schema"))
                .build();
    }

    private Mono<ServerResponse> document(ServerRequest request, Function<SchemaDocuments, ObjectNode> part) {
        return documents(request).map(part).flatMap(body -> responses.document(request, body));
    }

    /** A discovery list, paged by index like any list (RFC 7644 §3.4.2.4). */
    private Mono<ServerResponse> page(ServerRequest request, PagedList list) {
        return Mono.fromCallable(() -> ScimQuery.indexWindow(request.uri().getRawQuery()))
                .flatMap(window -> documents(request).map(documents ->
                        list.page(documents, window.startIndex(), window.count())))
                .flatMap(body -> responses.document(request, body));
    }

    @FunctionalInterface
    private interface PagedList {
        ObjectNode page(SchemaDocuments documents, int startIndex, int count);
    }

    private Mono<ServerResponse> one(ServerRequest request, BiFunction<SchemaDocuments, String, Optional<ObjectNode>> find,
            String kind) {
        String id = request.pathVariable("id");
        return documents(request).map(documents -> find.apply(documents, id))
                .flatMap(found -> found.map(body -> responses.document(request, body))
                        .orElseGet(() -> Mono.error(ScimException.notFound(kind + " '" + id + "' not found"))));
    }

    private Mono<SchemaDocuments> documents(ServerRequest request) {
        return resourceTypes.apply(request).map(types -> new SchemaDocuments(responses.baseUrl(request), capabilities, types));
    }
}
