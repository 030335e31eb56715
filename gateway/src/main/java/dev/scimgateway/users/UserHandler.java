package dev.scimgateway.users;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.protocol.ResourceRecord;
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
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** {@code /scim/v2/Users}: HTTP in, HTTP out; the rules live in {@link UserService}. */
public final class UserHandler {

    private final UserService users;
    private final TenantSchemas catalogs;
    private final JsonBodies bodies;
    private final ResourceRenderer renderer;
    private final ScimResponses responses;
    private final ScimQuery.Settings settings;

    public UserHandler(UserService users, TenantSchemas catalogs, ScimEndpoints endpoints) {
        this.users = users;
        this.catalogs = catalogs;
        this.bodies = endpoints.bodies();
        this.renderer = endpoints.renderer();
        this.responses = endpoints.responses();
        this.settings = endpoints.settings();
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST(BasePaths.SCIM + "/Users", this::create)
                .GET(BasePaths.SCIM + "/Users", this::list)
                .POST(BasePaths.SCIM + "/Users/.search", this::search)
                .GET(BasePaths.SCIM + "/Users/{id}", this::get)
                .PUT(BasePaths.SCIM + "/Users/{id}", this::replace)
                .PATCH(BasePaths.SCIM + "/Users/{id}", this::patch)
                .DELETE(BasePaths.SCIM + "/Users/{id}", this::delete)
                .build();
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        return parse(request).flatMap(scim -> bodies.readObject(request)
                .flatMap(body -> users.create(scim.tenantId(), scim.registry(), body))
                .flatMap(user -> respond(request, scim, HttpStatus.CREATED, user)));
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        return parse(request).flatMap(scim -> users.get(scim.tenantId(), scim.requiredId())
                .flatMap(user -> Preconditions.notModified(request, user) ? responses.notModified(user.etag())
                        : respond(request, scim, HttpStatus.OK, user)));
    }

    private Mono<ServerResponse> replace(ServerRequest request) {
        return parse(request).flatMap(scim -> bodies.readObject(request)
                .flatMap(body -> users.replace(scim.tenantId(), scim.registry(), scim.requiredId(), body,
                        scim.expectedVersion()))
                .flatMap(user -> respond(request, scim, HttpStatus.OK, user)));
    }

    /** 204 unless the client asked for attributes back (RFC 7644 §3.5.2). */
    private Mono<ServerResponse> patch(ServerRequest request) {
        return parse(request).flatMap(scim -> bodies.readObject(request)
                .flatMap(body -> users.patch(scim.tenantId(), scim.registry(), scim.requiredId(), body,
                        scim.expectedVersion()))
                .flatMap(user -> scim.query().projects() ? respond(request, scim, HttpStatus.OK, user)
                        : responses.noContent(user.etag())));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        return parse(request)
                .flatMap(scim -> users.delete(scim.tenantId(), scim.requiredId(), scim.expectedVersion()))
                .then(ServerResponse.noContent().build());
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        return parse(request).flatMap(scim -> list(request, scim.tenantId(), scim.registry(), scim.query()));
    }

    /** {@code POST /Users/.search}: the same list, its parameters in a SearchRequest body. */
    private Mono<ServerResponse> search(ServerRequest request) {
        String tenant = RequestContext.tenantOf(request.exchange()).tenantId();
        return catalogs.of(tenant).flatMap(catalog -> bodies.readObject(request)
                .flatMap(body -> Mono.fromCallable(() -> ScimQuery.parse(SearchRequests.parameters(body), tenant,
                        catalog.users(), settings)))
                .flatMap(query -> list(request, tenant, catalog.users(), query)));
    }

    private Mono<ServerResponse> list(ServerRequest request, String tenant, SchemaRegistry schemas, ScimQuery query) {
        return users.list(tenant, schemas, query.list()).flatMap(page -> responses.list(request, query,
                page.resources().stream().map(user -> render(request, schemas, query, user)).toList(),
                page, query.nextCursor(page, user -> user)));
    }

    private Mono<ServerResponse> respond(ServerRequest request, ScimRequest scim, HttpStatus status, ResourceRecord user) {
        return responses.resource(request, status, render(request, scim.registry(), scim.query(), user), user.etag());
    }

    private ObjectNode render(ServerRequest request, SchemaRegistry schemas, ScimQuery query, ResourceRecord user) {
        return query.project(renderer.render(user, ResourceTypes.USER, responses.baseUrl(request)), schemas);
    }

    private Mono<ScimRequest> parse(ServerRequest request) {
        String tenant = RequestContext.tenantOf(request.exchange()).tenantId();
        return catalogs.of(tenant).flatMap(catalog -> ScimRequest.of(request, tenant, catalog.users(), settings));
    }
}
