package dev.scimgateway.groups;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.scim.web.Preconditions;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.scim.web.ScimEndpoints;
import dev.scimgateway.scim.web.ScimQuery;
import dev.scimgateway.scim.web.ScimRequest;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.scim.web.SearchRequests;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.tenancy.TenantSchemas;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** {@code /scim/v2/Groups}: HTTP in, HTTP out; the rules live in {@link GroupService}. */
public final class GroupHandler {

    private static final String MEMBERS = "members";

    private final GroupService groups;
    private final TenantSchemas catalogs;
    private final JsonBodies bodies;
    private final ResourceRenderer renderer;
    private final ScimResponses responses;
    private final ScimQuery.Settings settings;

    public GroupHandler(GroupService groups, TenantSchemas catalogs, ScimEndpoints endpoints) {
        this.groups = groups;
        this.catalogs = catalogs;
        this.bodies = endpoints.bodies();
        this.renderer = endpoints.renderer();
        this.responses = endpoints.responses();
        this.settings = endpoints.settings();
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST(BasePaths.SCIM + "/Groups", this::create)
                .GET(BasePaths.SCIM + "/Groups", this::list)
                .POST(BasePaths.SCIM + "/Groups/.search", this::search)
                .GET(BasePaths.SCIM + "/Groups/{id}", this::get)
                .PUT(BasePaths.SCIM + "/Groups/{id}", this::replace)
                .PATCH(BasePaths.SCIM + "/Groups/{id}", this::patch)
                .DELETE(BasePaths.SCIM + "/Groups/{id}", this::delete)
                .build();
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        return parse(request).flatMap(scim -> bodies.readObject(request)
                .flatMap(body -> groups.create(scim.tenantId(), scim.registry(), body))
                .flatMap(group -> read(request, scim, HttpStatus.CREATED, group.id())));
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        return parse(request).flatMap(scim -> groups.get(scim.tenantId(), scim.requiredId(), scim.query().wants(scim.registry(), MEMBERS))
                .flatMap(group -> Preconditions.notModified(request, group.record())
                        ? responses.notModified(group.record().etag())
                        : responses.resource(request, HttpStatus.OK, render(request, scim.registry(), scim.query(), group),
                                group.record().etag())));
    }

    private Mono<ServerResponse> replace(ServerRequest request) {
        return parse(request).flatMap(scim -> bodies.readObject(request)
                .flatMap(body -> groups.replace(scim.tenantId(), scim.registry(), scim.requiredId(), body,
                        scim.expectedVersion()))
                .flatMap(group -> read(request, scim, HttpStatus.OK, group.id())));
    }

    /** 204 unless the client asked for attributes back (RFC 7644 §3.5.2); Entra requires 204. */
    private Mono<ServerResponse> patch(ServerRequest request) {
        return parse(request).flatMap(scim -> bodies.readObject(request)
                .flatMap(body -> groups.patch(scim.tenantId(), scim.registry(), scim.requiredId(), body,
                        scim.expectedVersion()))
                .flatMap(group -> scim.query().projects() ? read(request, scim, HttpStatus.OK, group.id())
                        : responses.noContent(group.etag())));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        return parse(request)
                .flatMap(scim -> groups.delete(scim.tenantId(), scim.requiredId(), scim.expectedVersion()))
                .then(ServerResponse.noContent().build());
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        return parse(request).flatMap(scim -> list(request, scim.tenantId(), scim.registry(), scim.query()));
    }

    /** {@code POST /Groups/.search}: the same list, its parameters in a SearchRequest body. */
    private Mono<ServerResponse> search(ServerRequest request) {
        String tenant = RequestContext.tenantOf(request.exchange()).tenantId();
        return catalogs.of(tenant).flatMap(catalog -> bodies.readObject(request)
                .flatMap(body -> Mono.fromCallable(() -> ScimQuery.parse(SearchRequests.parameters(body), tenant,
                        catalog.groups(), settings)))
                .flatMap(query -> list(request, tenant, catalog.groups(), query)));
    }

    private Mono<ServerResponse> list(ServerRequest request, String tenant, SchemaRegistry schemas, ScimQuery query) {
        return groups.list(tenant, schemas, query.list(), query.wants(schemas, MEMBERS)).flatMap(page -> responses.list(
                request, query, page.resources().stream().map(group -> render(request, schemas, query, group)).toList(),
                page, query.nextCursor(page, GroupView::record)));
    }

    /** Writes answer with the group as stored, members included, read back in one query. */
    private Mono<ServerResponse> read(ServerRequest request, ScimRequest scim, HttpStatus status, UUID id) {
        return groups.get(scim.tenantId(), id, scim.query().wants(scim.registry(), MEMBERS)).flatMap(group -> responses.resource(
                request, status, render(request, scim.registry(), scim.query(), group), group.record().etag()));
    }

    private ObjectNode render(ServerRequest request, SchemaRegistry schemas, ScimQuery query, GroupView group) {
        return query.project(GroupRendering.render(group, renderer, responses.baseUrl(request)), schemas);
    }

    private Mono<ScimRequest> parse(ServerRequest request) {
        String tenant = RequestContext.tenantOf(request.exchange()).tenantId();
        return catalogs.of(tenant).flatMap(catalog -> ScimRequest.of(request, tenant, catalog.groups(), settings));
    }
}
