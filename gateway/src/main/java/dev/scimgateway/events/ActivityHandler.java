package dev.scimgateway.events;

import dev.scimgateway.edge.BasePaths;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code GET /admin/v1/tenants/{id}/activity}: a tenant's activity, newest first, one page per
 * request with the cursor of the next; with {@code Accept: application/x-ndjson} or
 * {@code text/csv}, every row the filters match.
 */
public final class ActivityHandler {

    private final ActivityReader reader;
    private final ActivityQueries queries;
    private final Function<String, Mono<Void>> requireTenant;

    /** @param requireTenant completes when the tenant exists, and fails with 404 otherwise */
    public ActivityHandler(ActivityReader reader, ActivityQueries queries, Function<String, Mono<Void>> requireTenant) {
        this.reader = reader;
        this.queries = queries;
        this.requireTenant = requireTenant;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().GET(BasePaths.ADMIN + "/tenants/{tenantId}/activity", this::activity).build();
    }

    private Mono<ServerResponse> activity(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return requireTenant.apply(tenantId)
                .then(Mono.fromCallable(() -> queries.parse(tenantId, request.queryParams())))
                .flatMap(query -> {
                    List<MediaType> accepted = request.headers().accept();
                    if (asksFor(accepted, ActivityReader.NDJSON)) {
                        return reader.export(query, ActivityReader.NDJSON);
                    }
                    if (asksFor(accepted, ActivityReader.CSV)) {
                        return reader.export(query, ActivityReader.CSV);
                    }
                    return reader.page(query).flatMap(page -> ServerResponse.ok()
                            .contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                            .bodyValue(reader.json(page)));
                });
    }

    /** An explicit ask only: a client that accepts anything (a browser, curl) gets the JSON page. */
    private static boolean asksFor(List<MediaType> accepted, MediaType type) {
        return accepted.stream().anyMatch(media -> media.getType().equals(type.getType())
                && media.getSubtype().equals(type.getSubtype()));
    }
}
