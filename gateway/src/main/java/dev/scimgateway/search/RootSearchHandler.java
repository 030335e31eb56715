package dev.scimgateway.search;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.resources.ResourceKinds;
import dev.scimgateway.resources.ResourceService;
import dev.scimgateway.scim.protocol.list.ListPage;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.scim.web.ScimEndpoints;
import dev.scimgateway.scim.web.ScimQuery;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.scim.web.SearchRequests;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.tenancy.TenantSchemas;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code POST /scim/v2/.search} (RFC 7644 §3.4.3): one SearchRequest over users and groups. The
 * filter applies to each type it makes sense for (an attribute only users have selects no group).
 * Without sortBy the listing is the users, then the groups, each in creation order; with sortBy
 * it is the two merged by the sort value (see {@link MergedOrder}). Pages are by index or by
 * RFC 9865 cursor; cursor pages follow the order without sortBy, as they do per type.
 */
public final class RootSearchHandler {

    private final TenantSchemas catalogs;
    private final JsonBodies bodies;
    private final ScimResponses responses;
    private final ScimQuery.Settings settings;
    private final IndexPages indexPages;
    private final SortedPages sortedPages;
    private final CursorPages cursorPages;
    private final RootRendering rendering;

    public RootSearchHandler(ResourceService resources, ResourceKinds kinds, TenantSchemas catalogs,
            ScimEndpoints endpoints) {
        this.catalogs = catalogs;
        this.bodies = endpoints.bodies();
        this.responses = endpoints.responses();
        this.settings = endpoints.settings();
        RootParts parts = new RootParts(resources, kinds);
        this.indexPages = new IndexPages(parts);
        this.sortedPages = new SortedPages(parts);
        this.cursorPages = new CursorPages(parts);
        this.rendering = new RootRendering(resources, parts, endpoints.renderer());
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().POST(BasePaths.SCIM + "/.search", this::search).build();
    }

    private Mono<ServerResponse> search(ServerRequest request) {
        String tenant = RequestContext.tenantOf(request.exchange()).tenantId();
        return catalogs.of(tenant).flatMap(catalog -> bodies.readObject(request)
                .flatMap(body -> Mono.fromCallable(() -> RootQuery.parse(SearchRequests.parameters(body), tenant, catalog,
                        settings)))
                .flatMap(query -> page(query).flatMap(slice -> rendering.render(query, slice.hits(), responses.baseUrl(request))
                        .flatMap(resources -> responses.list(request, query.any(), resources,
                                new ListPage<>(resources, slice.totalResults(), query.startIndex(), false),
                                slice.nextCursor())))));
    }

    private Mono<RootSlice> page(RootQuery query) {
        if (query.cursorPaging()) {
            return cursorPages.page(query);
        }
        return query.sort() == null ? indexPages.page(query) : sortedPages.page(query);
    }
}
