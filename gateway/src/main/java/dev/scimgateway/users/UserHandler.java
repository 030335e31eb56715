package dev.scimgateway.users;

import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.scim.web.Preconditions;
import dev.scimgateway.scim.web.ResourceIds;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.scim.web.ScimQuery;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.tenancy.TenantPrincipal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/** {@code /scim/v2/Users}: HTTP in, HTTP out; the rules live in {@link UserService}. */
public final class UserHandler {

    private static final SchemaRegistry SCHEMA = SchemaRegistry.USER;

    private final UserService users;
    private final JsonBodies bodies;
    private final ResourceRenderer renderer;
    private final ScimResponses responses;
    private final ScimQuery.Limits limits;

    public UserHandler(UserService users, JsonBodies bodies, ResourceRenderer renderer, ScimResponses responses,
            ScimQuery.Limits limits) {
        this.users = users;
        this.bodies = bodies;
        this.renderer = renderer;
        this.responses = responses;
        this.limits = limits;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/scim/v2/Users", this::create)
                .GET("/scim/v2/Users", this::list)
                .GET("/scim/v2/Users/{id}", this::get)
                .PUT("/scim/v2/Users/{id}", this::replace)
                .PATCH("/scim/v2/Users/{id}", this::patch)
                .DELETE("/scim/v2/Users/{id}", this::delete)
                .build();
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        String tenant = TenantPrincipal.of(request.exchange()).tenantId();
        return query(request).flatMap(query -> bodies.readObject(request)
                .flatMap(body -> users.create(tenant, body))
                .flatMap(user -> respond(request, query, HttpStatus.CREATED, user)));
    }

    private Mono<ServerResponse> get(ServerRequest request) {
        String tenant = TenantPrincipal.of(request.exchange()).tenantId();
        return Mono.zip(query(request), id(request)).flatMap(args -> users.get(tenant, args.getT2())
                .flatMap(user -> Preconditions.notModified(request, user) ? responses.notModified(user.etag())
                        : respond(request, args.getT1(), HttpStatus.OK, user)));
    }

    private Mono<ServerResponse> replace(ServerRequest request) {
        String tenant = TenantPrincipal.of(request.exchange()).tenantId();
        return Mono.zip(query(request), id(request)).flatMap(args -> bodies.readObject(request)
                .flatMap(body -> users.replace(tenant, args.getT2(), body, Preconditions.expectedVersion(request)))
                .flatMap(user -> respond(request, args.getT1(), HttpStatus.OK, user)));
    }

    /** 204 unless the client asked for attributes back (RFC 7644 §3.5.2). */
    private Mono<ServerResponse> patch(ServerRequest request) {
        String tenant = TenantPrincipal.of(request.exchange()).tenantId();
        return Mono.zip(query(request), id(request)).flatMap(args -> bodies.readObject(request)
                .flatMap(body -> users.patch(tenant, args.getT2(), body, Preconditions.expectedVersion(request)))
                .flatMap(user -> args.getT1().projects() ? respond(request, args.getT1(), HttpStatus.OK, user)
                        : ServerResponse.noContent().header("ETag", user.etag()).build()));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        String tenant = TenantPrincipal.of(request.exchange()).tenantId();
        return id(request).flatMap(id -> users.delete(tenant, id, Preconditions.expectedVersion(request)))
                .then(ServerResponse.noContent().build());
    }

    private Mono<ServerResponse> list(ServerRequest request) {
        String tenant = TenantPrincipal.of(request.exchange()).tenantId();
        return query(request).flatMap(query -> users.list(tenant, query.list())
                .flatMap(page -> responses.list(request,
                        page.resources().stream().map(user -> render(request, query, user)).toList(),
                        page.totalResults(), page.startIndex())));
    }

    private Mono<ServerResponse> respond(ServerRequest request, ScimQuery query, HttpStatus status, ResourceRecord user) {
        return responses.resource(request, status, render(request, query, user), user.etag());
    }

    private ObjectNode render(ServerRequest request, ScimQuery query, ResourceRecord user) {
        return query.project(renderer.render(user, ResourceTypes.USER, responses.baseUrl(request)), SCHEMA);
    }

    private Mono<ScimQuery> query(ServerRequest request) {
        return Mono.fromCallable(() -> ScimQuery.parse(request, SCHEMA, limits));
    }

    private static Mono<UUID> id(ServerRequest request) {
        return Mono.fromCallable(() -> ResourceIds.parse(request.pathVariable("id"), "User"));
    }
}
