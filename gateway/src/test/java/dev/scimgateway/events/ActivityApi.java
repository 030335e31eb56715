package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Reads a tenant's activity through the admin API, as an operator would, for the activity tests. */
record ActivityApi(WebTestClient http, String adminToken) {

    WebTestClient.ResponseSpec get(String tenantId, String query, MediaType accept) {
        return http.get().uri("/admin/v1/tenants/" + tenantId + "/activity" + (query.isEmpty() ? "" : "?" + query))
                .header("Authorization", "Bearer " + adminToken).accept(accept).exchange();
    }

    JsonNode page(String tenantId, String query) {
        return get(tenantId, query, MediaType.APPLICATION_JSON).expectStatus().isOk().expectBody(JsonNode.class)
                .returnResult().getResponseBody();
    }

    static List<JsonNode> rows(JsonNode page) {
        List<JsonNode> rows = new ArrayList<>();
        page.get("activity").forEach(rows::add);
        return rows;
    }

    /** Every row the query matches, following the cursor. */
    List<JsonNode> all(String tenantId, String query) {
        List<JsonNode> rows = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page(tenantId, query + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("activity").forEach(rows::add);
            cursor = page.has("next") ? page.get("next").stringValue() : null;
        } while (cursor != null);
        return rows;
    }

    /** Waits for the refusals written behind their requests, until {@code done} holds of the rows. */
    List<JsonNode> awaitRows(String tenantId, String query, Predicate<List<JsonNode>> done) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            List<JsonNode> rows = all(tenantId, query);
            if (done.test(rows) || Instant.now().isAfter(deadline)) {
                return rows;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static JsonNode byRequestId(List<JsonNode> rows, String requestId) {
        return rows.stream().filter(row -> requestId.equals(row.path("requestId").asString(""))).findFirst()
                .orElseThrow(() -> new AssertionError("No activity row for request " + requestId + " in " + rows));
    }

    static void assertNewestFirst(List<JsonNode> rows) {
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).get("id").asLong()).isLessThan(rows.get(i - 1).get("id").asLong());
        }
    }
}
