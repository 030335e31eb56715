package dev.scimgateway.load.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9865 cursor paging through every user of the tenant, one page after another as an IdP's
 * import does. Its claim is that a page costs the same at the end of a million users as at the
 * start, so the first tenth of the pages is compared with the last tenth. Index paging is timed
 * at both ends for contrast: its offset makes the last pages cost more.
 */
final class CursorWalk {

    static final int PAGE = 100;
    private static final int INDEX_SAMPLES = 20;
    private static final int WARM_UP_PAGES = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String authorization;

    private CursorWalk(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    static List<ResultRow> measure(GatewayProcess gateway, GatewayTenant tenant, List<String> notes) throws Exception {
        return new CursorWalk(gateway.scimBaseUrl(), tenant.authorization()).measure(notes);
    }

    private List<ResultRow> measure(List<String> notes) throws Exception {
        warmUp();
        List<Long> pageNanos = new ArrayList<>();
        long users = 0;
        long start = System.nanoTime();
        String cursor = "";
        while (cursor != null) {
            long sent = System.nanoTime();
            JsonNode page = page(cursor);
            pageNanos.add(System.nanoTime() - sent);
            users += page.path("Resources").size();
            cursor = nextCursor(page);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int tenth = Math.max(1, pageNanos.size() / 10);
        var first = latencies(pageNanos.subList(0, tenth)).percentiles();
        var last = latencies(pageNanos.subList(pageNanos.size() - tenth, pageNanos.size())).percentiles();
        notes.add(String.format("Cursor walk: %,d users in %,d pages of %d, %.0f s; first tenth of the pages p50 %s p99 %s,"
                        + " last tenth p50 %s p99 %s.", users, pageNanos.size(), PAGE, seconds, ResultRow.ms(first.p50()),
                ResultRow.ms(first.p99()), ResultRow.ms(last.p50()), ResultRow.ms(last.p99())));

        var indexFirst = indexPages(1);
        var indexLast = indexPages(Math.max(1, users - PAGE + 1));
        return List.of(
                ResultRow.closedLoop(String.format("gateway cursor paging through all %,d users, %d per page, one page"
                                + " at a time; latency per page", users, PAGE),
                        String.format("%,.0f pages/s", pageNanos.size() / seconds), latencies(pageNanos).percentiles(), 0,
                        "last tenth of the pages p50 " + BenchmarkHarness.ratio(last.p50(), first.p50()) + " the first tenth's (goal ≈ 1×)"),
                ResultRow.closedLoop(String.format("gateway index paging, startIndex=%,d against startIndex=1, %d per page",
                                Math.max(1, users - PAGE + 1), PAGE),
                        "—", indexLast, 0, "p50 " + BenchmarkHarness.ratio(indexLast.p50(), indexFirst.p50()) + " startIndex=1's (for"
                                + " contrast: an offset costs its position)"));
    }

    /** A cold JIT would make the first pages look dear: a few hundred pages first, not measured. */
    private void warmUp() throws Exception {
        String cursor = "";
        for (int page = 0; page < WARM_UP_PAGES && cursor != null; page++) {
            cursor = nextCursor(page(cursor));
        }
    }

    /** {@code cursor} empty asks for the first page (RFC 9865). */
    private JsonNode page(String cursor) throws IOException, InterruptedException {
        return get("/Users?count=" + PAGE + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    private static String nextCursor(JsonNode page) {
        return page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    }

    private Latencies.Percentiles indexPages(long startIndex) throws Exception {
        var latencies = new Latencies();
        for (int i = 0; i < INDEX_SAMPLES; i++) {
            long sent = System.nanoTime();
            get("/Users?count=" + PAGE + "&startIndex=" + startIndex);
            latencies.record(System.nanoTime() - sent);
        }
        return latencies.percentiles();
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60))
                .GET().build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + pathAndQuery + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static Latencies latencies(List<Long> nanos) {
        var latencies = new Latencies();
        nanos.forEach(latencies::record);
        return latencies;
    }
}
