package dev.scimgateway.resources;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.idempotency.KeyedCreate;
import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.scim.web.Preconditions;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.scim.web.ScimEndpoints;
import dev.scimgateway.scim.web.ScimQuery;
import dev.scimgateway.scim.web.ScimRequest;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.scim.web.SearchRequests;
import dev.scimgateway.scim.web.StoredResponse;
import dev.scimgateway.tenancy.TenantSchemas;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /scim/v2/Users}, {@code /scim/v2/Groups} and every other resource type's endpoint: HTTP
 * in, HTTP out; the rules live in {@link ResourceService}. The type is bound when the routes are
 * built, so a request looks nothing up.
 */
public final class ResourceHandler {

    private final ResourceService resources;
    private final ResourceKinds kinds;
    private final TenantSchemas catalogs;
    private final JsonBodies bodies;
    private final ResourceRenderer renderer;
    private final ScimResponses responses;
    private final ScimQuery.Settings settings;

    public ResourceHandler(ResourceService resources, ResourceKinds kinds, TenantSchemas catalogs,
            ScimEndpoints endpoints) {
        this.resources = resources;
        this.kinds = kinds;
        this.catalogs = catalogs;
        this.bodies = endpoints.bodies();
        this.renderer = endpoints.renderer();
        this.responses = endpoints.responses();
        this.settings = endpoints.settings();
    }

    public RouterFunction<ServerResponse> routes() {
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (ResourceKind kind : kinds.all()) {
            String path = BasePaths.SCIM + kind.definition().endpoint();
            routes.POST(path, request -> create(kind, request))
                    .GET(path, request -> list(kind, request))
                    .POST(path + "/.search", request -> search(kind, request))
                    .GET(path + "/{id}", request -> get(kind, request))
                    .PUT(path + "/{id}", request -> replace(kind, request))
                    .PATCH(path + "/{id}", request -> patch(kind, request))
                    .DELETE(path + "/{id}", request -> delete(kind, request));
        }
        return routes.build();
    }

    /**
     * A create on an Idempotency-Key whose answer needs nothing read after the write is rendered
     * by the statement that creates it, which keeps that answer with its key ({@link KeyedCreate}):
     * the client then gets those very bytes.
     */
    private Mono<ServerResponse> create(ResourceKind kind, ServerRequest request) {
        return parse(kind, request).flatMap(scim -> bodies.readObject(request)
                .flatMap(body -> Mono.deferContextual(context -> {
                    KeyedCreate keyed = KeyedCreate.of(context, scim.tenantId());
                    if (keyed != null && !readsAfterCreate(kind, scim)) {
                        keyed.answerWith(created -> responses.prepared(request, HttpStatus.CREATED,
                                render(kind, request, scim.registry(), scim.query(), ResourceView.of(created)),
                                created.etag()));
                    }
                    return resources.create(kind, scim.tenantId(), scim.registry(), body)
                            .flatMap(created -> {
                                StoredResponse kept = keyed == null ? null : keyed.keptAnswer();
                                return kept != null ? responses.send(kept)
                                        : written(kind, request, scim, HttpStatus.CREATED, created);
                            });
                })));
    }

    private Mono<ServerResponse> get(ResourceKind kind, ServerRequest request) {
        return parse(kind, request).flatMap(scim -> resources.get(kind, scim.tenantId(), scim.requiredId(),
                        withMembership(kind, scim.registry(), scim.query()))
                .flatMap(view -> Preconditions.notModified(request, view.record())
                        ? responses.notModified(view.record().etag())
                        : respond(kind, request, scim, HttpStatus.OK, view)));
    }

    private Mono<ServerResponse> replace(ResourceKind kind, ServerRequest request) {
        return parse(kind, request).flatMap(scim -> bodies.readObject(request)
                .flatMap(body -> resources.replace(kind, scim.tenantId(), scim.registry(), scim.requiredId(), body,
                        scim.expectedVersion()))
                .flatMap(replaced -> written(kind, request, scim, HttpStatus.OK, replaced)));
    }

    /** 204 unless the client asked for attributes back (RFC 7644 §3.5.2); Entra requires 204. */
    private Mono<ServerResponse> patch(ResourceKind kind, ServerRequest request) {
        return parse(kind, request).flatMap(scim -> bodies.readObject(request)
                .flatMap(body -> resources.patch(kind, scim.tenantId(), scim.registry(), scim.requiredId(), body,
                        scim.expectedVersion()))
                .flatMap(patched -> scim.query().projects() ? written(kind, request, scim, HttpStatus.OK, patched)
                        : responses.noContent(patched.etag())));
    }

    private Mono<ServerResponse> delete(ResourceKind kind, ServerRequest request) {
        return parse(kind, request)
                .flatMap(scim -> resources.delete(kind, scim.tenantId(), scim.requiredId(), scim.expectedVersion()))
                .then(ServerResponse.noContent().build());
    }

    private Mono<ServerResponse> list(ResourceKind kind, ServerRequest request) {
        return parse(kind, request).flatMap(scim -> list(kind, request, scim.tenantId(), scim.registry(), scim.query()));
    }

    /** {@code POST /<endpoint>/.search}: the same list, its parameters in a SearchRequest body. */
    private Mono<ServerResponse> search(ResourceKind kind, ServerRequest request) {
        String tenant = RequestContext.tenantOf(request.exchange()).tenantId();
        return catalogs.of(tenant).flatMap(catalog -> {
            SchemaRegistry schemas = kind.schemas(catalog);
            return bodies.readObject(request)
                    .flatMap(body -> Mono.fromCallable(() -> ScimQuery.parse(SearchRequests.parameters(body), tenant,
                            schemas, settings)))
                    .flatMap(query -> list(kind, request, tenant, schemas, query));
        });
    }

    private Mono<ServerResponse> list(ResourceKind kind, ServerRequest request, String tenant, SchemaRegistry schemas,
            ScimQuery query) {
        return resources.list(kind, tenant, schemas, query.list(), withMembership(kind, schemas, query))
                .flatMap(page -> responses.list(request, query,
                        page.resources().stream().map(view -> render(kind, request, schemas, query, view)).toList(),
                        page, query.nextCursor(page, ResourceView::record)));
    }

    /**
     * A write answers with the resource as stored, and with its membership (one query) when the type
     * has one that the response shows; a create reads it only when the type is created with it.
     */
    private Mono<ServerResponse> written(ResourceKind kind, ServerRequest request, ScimRequest scim, HttpStatus status,
            ResourceRecord record) {
        boolean membership = status == HttpStatus.CREATED ? readsAfterCreate(kind, scim)
                : withMembership(kind, scim.registry(), scim.query());
        if (!membership) {
            return respond(kind, request, scim, status, ResourceView.of(record));
        }
        return resources.views(kind, scim.tenantId(), List.of(record), true)
                .flatMap(views -> respond(kind, request, scim, status, views.get(0)));
    }

    private Mono<ServerResponse> respond(ResourceKind kind, ServerRequest request, ScimRequest scim, HttpStatus status,
            ResourceView view) {
        return responses.resource(request, status, render(kind, request, scim.registry(), scim.query(), view),
                view.record().etag());
    }

    private ObjectNode render(ResourceKind kind, ServerRequest request, SchemaRegistry schemas, ScimQuery query,
            ResourceView view) {
        return query.project(kind.render(view, renderer, responses.baseUrl(request)), schemas);
    }

    /** Whether a create's answer shows a membership it was created with, read back after the write. */
    private static boolean readsAfterCreate(ResourceKind kind, ScimRequest scim) {
        return kind.createdWithMembership() && withMembership(kind, scim.registry(), scim.query());
    }

    /** Whether the response shows the type's membership attribute, which costs a query to read. */
    private static boolean withMembership(ResourceKind kind, SchemaRegistry schemas, ScimQuery query) {
        return kind.membership().map(attribute -> query.wants(schemas, attribute)).orElse(false);
    }

    private Mono<ScimRequest> parse(ResourceKind kind, ServerRequest request) {
        String tenant = RequestContext.tenantOf(request.exchange()).tenantId();
        return catalogs.of(tenant).flatMap(catalog -> ScimRequest.of(request, tenant, kind.schemas(catalog), settings));
    }
}
