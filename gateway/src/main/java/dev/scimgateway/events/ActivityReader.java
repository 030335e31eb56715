package dev.scimgateway.events;

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
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a tenant's activity for the admin API and the console alike: one page with the cursor of
 * the next, or an export of every row the filters match, streamed page by page so that an export
 * of any size holds one page in memory.
 */
public final class ActivityReader {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    public static final MediaType CSV = MediaType.parseMediaType("text/csv");
    /** Rows an export reads per query: big enough to amortise the round trip, small enough to hold. */
    static final int EXPORT_PAGE = 500;

    /** Rows newest first; {@code next} is the cursor of the following page, null on the last. */
    public record Page(List<ActivityEntry> rows, @Nullable String next) {}

    private record Rows(List<ActivityEntry> rows, @Nullable Long last) {}

    private final ActivityLog log;
    private final ActivityRendering rendering;
    private final JsonMapper json;

    public ActivityReader(ActivityLog log, JsonMapper json) {
        this.log = log;
        this.rendering = new ActivityRendering(json);
        this.json = json;
    }

    public Mono<Page> page(ActivityQuery query) {
        return rows(query).map(rows -> new Page(rows.rows(),
                rows.last() == null ? null : ActivityQueries.cursorAfter(rows.last())));
    }

    private Mono<Rows> rows(ActivityQuery query) {
        int count = query.count();
        return log.newestFirst(query.counting(count + 1)).collectList().map(rows -> rows.size() > count
                ? new Rows(rows.subList(0, count), rows.get(count - 1).id())
                : new Rows(rows, null));
    }

    /** The tenant's activity since {@code since}, counted per hour, oldest first; hours without a row are left out. */
    public Flux<HourlyActivity> hourly(String tenantId, java.time.Instant since) {
        return log.hourly(tenantId, since);
    }

    /** The page as the API's JSON: {@code {"activity":[…],"next":"…"}}. */
    public ObjectNode json(Page page) {
        ObjectNode body = json.createObjectNode();
        var rows = body.putArray("activity");
        page.rows().forEach(row -> rows.add(rendering.json(row)));
        if (page.next() != null) {
            body.put("next", page.next());
        }
        return body;
    }

    /** Every row the query matches, from its cursor on, as NDJSON or CSV ({@link #NDJSON}, {@link #CSV}). */
    public Mono<ServerResponse> export(ActivityQuery query, MediaType type) {
        boolean csv = type.isCompatibleWith(CSV);
        Function<ActivityEntry, String> row = csv ? ActivityRendering::csvRow : this::ndjsonLine;
        ActivityQuery paged = query.counting(EXPORT_PAGE);
        Flux<String> pages = rows(paged)
                .expand(rows -> rows.last() == null ? Mono.empty() : rows(paged.below(rows.last())))
                .map(rows -> {
                    StringBuilder text = new StringBuilder();
                    rows.rows().forEach(entry -> text.append(row.apply(entry)));
                    return text.toString();
                });
        Flux<DataBuffer> body = (csv ? Flux.just(ActivityRendering.csvHeader()).concatWith(pages) : pages)
                .filter(text -> !text.isEmpty())
                .map(text -> DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
        String file = "activity-" + query.tenantId() + (csv ? ".csv" : ".ndjson");
        return ServerResponse.ok().contentType(csv ? new MediaType(CSV, StandardCharsets.UTF_8) : NDJSON)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .body(BodyInserters.fromDataBuffers(body));
    }

    private String ndjsonLine(ActivityEntry entry) {
        return json.writeValueAsString(rendering.json(entry)) + "\n";
    }
}
