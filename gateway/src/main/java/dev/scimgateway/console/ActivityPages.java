package dev.scimgateway.console;

import dev.scimgateway.events.ActivityQueries;
import dev.scimgateway.events.ActivityReader;
import dev.scimgateway.scim.protocol.ScimException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The tenant's activity: what its IdP changed and what the gateway refused, newest first, with the
 * filters and exports of the admin API. It reads through the same {@link ActivityReader} and
 * parses its filters with the same {@link ActivityQueries}, so a filter means the same here and
 * there, and a bad one gets the same explanation.
 */
final class ActivityPages {

    /** The filters the page's form offers, in the order of its fields and of the links it builds. */
    private static final List<String> FILTERS = List.of("kind", "outcome", "token", "resourceId");

    private final ActivityReader reader;
    private final ActivityQueries queries;
    private final ConsolePages pages;
    private final Clock clock;

    ActivityPages(ActivityReader reader, ActivityQueries queries, ConsolePages pages, Clock clock) {
        this.reader = reader;
        this.queries = queries;
        this.pages = pages;
        this.clock = clock;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(ConsolePaths.ACTIVITY, this::activity)
                .GET(ConsolePaths.ACTIVITY_EXPORT, this::export)
                .build();
    }

    private Mono<ServerResponse> activity(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        Map<String, String> filters = filters(request);
        Instant now = clock.instant();
        return Mono.fromCallable(() -> queries.parse(tenantId, parameters(filters, request.queryParam("cursor")
                        .orElse(null))))
                .flatMap(reader::page)
                .flatMap(page -> pages.render(request, HttpStatus.OK, "activity", "Activity",
                        Views.tenantNav(tenantId, "activity"), ConsolePages.values(
                                "tenant", tenantId,
                                "formAction", ConsolePaths.activity(tenantId),
                                "kinds", choices(filters.get("kind"), "", "Changes and errors", "change", "Changes",
                                        "error", "Errors"),
                                "outcomes", choices(filters.get("outcome"), "", "Any", "success", "Success", "4xx",
                                        "Client errors (4xx)", "5xx", "Server errors (5xx)"),
                                "token", filters.getOrDefault("token", ""),
                                "resourceId", filters.getOrDefault("resourceId", ""),
                                "rows", page.rows().stream().map(entry -> Views.ActivityRow.of(entry, now)).toList(),
                                "next", page.next() == null ? null : new Views.Next(link(ConsolePaths.activity(tenantId),
                                        filters, "cursor", page.next())),
                                "first", request.queryParam("cursor").isPresent()
                                        ? link(ConsolePaths.activity(tenantId), filters) : null,
                                "csv", link(ConsolePaths.activityExport(tenantId), filters, "format", "csv"),
                                "ndjson", link(ConsolePaths.activityExport(tenantId), filters, "format", "ndjson"))))
                .onErrorResume(error -> pages.failure(request, error));
    }

    private Mono<ServerResponse> export(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        String format = request.queryParam("format").orElse("csv");
        if (!format.equals("csv") && !format.equals("ndjson")) {
            return pages.failure(request, ScimException.badRequest("'format' must be 'csv' or 'ndjson'"));
        }
        return Mono.fromCallable(() -> queries.parse(tenantId, parameters(filters(request), null)))
                .flatMap(query -> reader.export(query, format.equals("csv") ? ActivityReader.CSV : ActivityReader.NDJSON))
                .onErrorResume(error -> pages.failure(request, error));
    }

    /** The filters the form sent, blanks left out. */
    private static Map<String, String> filters(ServerRequest request) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : FILTERS) {
            request.queryParam(name).map(String::strip).filter(value -> !value.isEmpty())
                    .ifPresent(value -> filters.put(name, value));
        }
        return filters;
    }

    private static Map<String, List<String>> parameters(Map<String, String> filters, @Nullable String cursor) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        filters.forEach((name, value) -> parameters.put(name, List.of(value)));
        if (cursor != null) {
            parameters.put("cursor", List.of(cursor));
        }
        return parameters;
    }

    private static String link(String path, Map<String, String> filters, String... more) {
        List<String> pairs = new ArrayList<>();
        filters.forEach((name, value) -> {
            pairs.add(name);
            pairs.add(value);
        });
        pairs.addAll(List.of(more));
        return ConsolePaths.withQuery(path, pairs.toArray(String[]::new));
    }

    private static List<Views.Choice> choices(@Nullable String selected, String... valuesAndLabels) {
        List<Views.Choice> choices = new ArrayList<>();
        for (int i = 0; i < valuesAndLabels.length; i += 2) {
            choices.add(new Views.Choice(valuesAndLabels[i], valuesAndLabels[i + 1],
                    Objects.equals(valuesAndLabels[i], selected == null ? "" : selected)));
        }
        return choices;
    }
}
