package dev.scimgateway.search;

import dev.scimgateway.groups.GroupRendering;
import dev.scimgateway.groups.GroupService;
import dev.scimgateway.scim.protocol.ListPage;
import dev.scimgateway.scim.protocol.ListQuery;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.schema.SchemaRegistry;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.scim.web.ScimEndpoints;
import dev.scimgateway.scim.web.ScimQuery;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.scim.web.SearchRequests;
import dev.scimgateway.tenancy.TenantCatalog;
import dev.scimgateway.tenancy.TenantPrincipal;
import dev.scimgateway.tenancy.TenantSchemas;
import dev.scimgateway.users.UserService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /scim/v2/.search} (RFC 7644 §3.4.3): one SearchRequest over users and groups. The
 * filter applies to each type it makes sense for (an attribute only users have selects no group);
 * the results are the users, then the groups, paged by index over the two together.
 */
public final class RootSearchHandler {

    private final UserService users;
    private final GroupService groups;
    private final TenantSchemas catalogs;
    private final JsonBodies bodies;
    private final ResourceRenderer renderer;
    private final ScimResponses responses;
    private final ScimQuery.Settings settings;

    public RootSearchHandler(UserService users, GroupService groups, TenantSchemas catalogs, ScimEndpoints endpoints) {
        this.users = users;
        this.groups = groups;
        this.catalogs = catalogs;
        this.bodies = endpoints.bodies();
        this.renderer = endpoints.renderer();
        this.responses = endpoints.responses();
        this.settings = endpoints.settings();
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().POST("/scim/v2/.search", this::search).build();
    }

    private Mono<ServerResponse> search(ServerRequest request) {
        String tenant = TenantPrincipal.of(request.exchange()).tenantId();
        return catalogs.of(tenant).flatMap(catalog -> bodies.readObject(request)
                .flatMap(body -> Mono.fromCallable(() -> queries(body, tenant, catalog)))
                .flatMap(queries -> run(request, tenant, catalog, queries)));
    }

    private record Queries(Optional<ScimQuery> users, Optional<ScimQuery> groups) {}

    private Queries queries(ObjectNode body, String tenant, TenantCatalog catalog) {
        ScimQuery.Parameters parameters = SearchRequests.parameters(body);
        if (parameters.first("cursor") != null || parameters.first("sortBy") != null) {
            throw ScimException.invalidValue("Cursor paging and sortBy are supported per resource type:"
                    + " search /Users/.search or /Groups/.search");
        }
        Optional<ScimQuery> forUsers = attempt(parameters, tenant, catalog.users());
        Optional<ScimQuery> forGroups = attempt(parameters, tenant, catalog.groups());
        if (forUsers.isEmpty() && forGroups.isEmpty()) {
            // Neither type understands the filter: the users' reason is the one to report.
            ScimQuery.parse(parameters, tenant, catalog.users(), settings);
        }
        return new Queries(forUsers, forGroups);
    }

    private Optional<ScimQuery> attempt(ScimQuery.Parameters parameters, String tenant, SchemaRegistry schemas) {
        try {
            return Optional.of(ScimQuery.parse(parameters, tenant, schemas, settings));
        } catch (ScimException e) {
            if (e.scimType() != null && "invalidFilter".equals(e.scimType().wireName())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Mono<ServerResponse> run(ServerRequest request, String tenant, TenantCatalog catalog, Queries queries) {
        String baseUrl = responses.baseUrl(request);
        ScimQuery any = queries.users().orElseGet(() -> queries.groups().orElseThrow());
        int startIndex = any.list().startIndex();
        int count = any.list().count();
        Mono<ListPage<ObjectNode>> userPage = queries.users().map(q -> users.list(tenant, catalog.users(),
                        ListQuery.index(q.list().filter(), null, startIndex, count))
                .map(page -> new ListPage<>(page.resources().stream()
                        .map(u -> q.project(renderer.render(u, ResourceTypes.USER, baseUrl), catalog.users())).toList(),
                        page.totalResults(), startIndex, page.hasMore())))
                .orElse(Mono.just(new ListPage<>(List.of(), 0, startIndex, false)));
        return userPage.flatMap(usersFound -> {
            int groupStart = (int) Math.max(1, startIndex - usersFound.totalResults());
            int groupCount = count - usersFound.resources().size();
            Mono<ListPage<ObjectNode>> groupPage = queries.groups().map(q -> groups.list(tenant, catalog.groups(),
                            ListQuery.index(q.list().filter(), null, groupStart, Math.max(0, groupCount)),
                            q.wants(catalog.groups(), "members"))
                    .map(page -> new ListPage<>(page.resources().stream()
                            .map(g -> q.project(GroupRendering.render(g, renderer, baseUrl), catalog.groups())).toList(),
                            page.totalResults(), groupStart, page.hasMore())))
                    .orElse(Mono.just(new ListPage<>(List.of(), 0, groupStart, false)));
            return groupPage.flatMap(groupsFound -> {
                List<ObjectNode> all = new ArrayList<>(usersFound.resources());
                all.addAll(groupsFound.resources());
                long total = usersFound.totalResults() + groupsFound.totalResults();
                return responses.list(request, any, all, new ListPage<>(all, total, startIndex, false), null);
            });
        });
    }
}
