package dev.scimgateway.events;

import dev.scimgateway.edge.BasePaths;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /admin/v1/tenants/{id}/activity}: a tenant's activity, newest first, one page per
 * request with the cursor of the next; or, with {@code Accept: application/x-ndjson} or
 * {@code text/csv}, every row the filters match, streamed page by page so that an export of any
 * size holds one page in memory.
 */
public final class ActivityHandler {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    public static final MediaType CSV = MediaType.parseMediaType("text/csv");
    /** Rows an export reads per query: big enough to amortise the round trip, small enough to hold. */
    static final int EXPORT_PAGE = 500;

    private record Page(List<ActivityEntry> rows, @Nullable Long last) {}

    private final ActivityLog log;
    private final ActivityQueries queries;
    private final Function<String, Mono<Void>> requireTenant;
    private final ActivityRendering rendering;
    private final JsonMapper json;

    /** @param requireTenant completes when the tenant exists, and fails with 404 otherwise */
    public ActivityHandler(ActivityLog log, ActivityQueries queries, Function<String, Mono<Void>> requireTenant,
            JsonMapper json) {
        this.log = log;
        this.queries = queries;
        this.requireTenant = requireTenant;
        this.rendering = new ActivityRendering(json);
        this.json = json;
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
                    if (accepts(accepted, NDJSON)) {
                        return export(query, NDJSON, this::ndjsonLine, null);
                    }
                    if (accepts(accepted, CSV)) {
                        return export(query, CSV, ActivityRendering::csvRow, ActivityRendering.csvHeader());
                    }
                    return page(query).flatMap(this::pageResponse);
                });
    }

    /** An explicit ask only: a client that accepts anything (a browser, curl) gets the JSON page. */
    private static boolean accepts(List<MediaType> accepted, MediaType type) {
        return accepted.stream().anyMatch(media -> media.getType().equals(type.getType())
                && media.getSubtype().equals(type.getSubtype()));
    }

    private Mono<Page> page(ActivityQuery query) {
        int count = query.count();
        return log.newestFirst(query.counting(count + 1)).collectList().map(rows -> rows.size() > count
                ? new Page(rows.subList(0, count), rows.get(count - 1).id())
                : new Page(rows, null));
    }

    private Mono<ServerResponse> pageResponse(Page page) {
        ObjectNode body = json.createObjectNode();
        var rows = body.putArray("activity");
        page.rows().forEach(row -> rows.add(rendering.json(row)));
        if (page.last() != null) {
            body.put("next", ActivityQueries.cursorAfter(page.last()));
        }
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .bodyValue(body);
    }

    private Mono<ServerResponse> export(ActivityQuery query, MediaType type, Function<ActivityEntry, String> row,
            @Nullable String header) {
        ActivityQuery paged = query.counting(EXPORT_PAGE);
        Flux<String> rows = page(paged)
                .expand(page -> page.last() == null ? Mono.empty() : page(paged.below(page.last())))
                .map(page -> {
                    StringBuilder text = new StringBuilder();
                    page.rows().forEach(entry -> text.append(row.apply(entry)));
                    return text.toString();
                });
        Flux<DataBuffer> body = (header == null ? rows : Flux.just(header).concatWith(rows))
                .filter(text -> !text.isEmpty())
                .map(text -> DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
        String file = "activity-" + query.tenantId() + (type.equals(CSV) ? ".csv" : ".ndjson");
        return ServerResponse.ok().contentType(type.equals(CSV) ? new MediaType(CSV, StandardCharsets.UTF_8) : type)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(BodyInserters.fromDataBuffers(body));
    }

    private String ndjsonLine(ActivityEntry entry) {
        return json.writeValueAsString(rendering.json(entry)) + "\n";
    }
}
