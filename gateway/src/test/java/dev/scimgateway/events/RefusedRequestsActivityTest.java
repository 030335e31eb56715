package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Every refused SCIM request of a known tenant lands in its activity log, with what its client was told. */
class RefusedRequestsActivityTest extends GatewayTest {

    private record Answer(String requestId, JsonNode body) {}

    private static Answer answer(WebTestClient.ResponseSpec response, int status) {
        EntityExchangeResult<JsonNode> result = response.expectStatus().isEqualTo(status).expectBody(JsonNode.class)
                .returnResult();
        return new Answer(result.getResponseHeaders().getFirst("X-Request-Id"), result.getResponseBody());
    }

    private ActivityApi api() {
        return new ActivityApi(http, ADMIN_TOKEN);
    }

    @Test
    void everyRefusalIsLoggedWithItsDetailTokenNameAndRequestId() {
        ScimClient idp = newScimClient("refusals");
        String user = idp.createUser("taken@example.com");
        String missing = UUID.randomUUID().toString();
        Answer badFilter = answer(idp.get("/Users?filter=userName%20zz%20%22x%22"), 400);
        Answer notFound = answer(idp.get("/Users/" + missing), 404);
        Answer taken = answer(idp.post("/Users", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", "taken@example.com")), 409);
        String readOnlyToken = http.post().uri("/admin/v1/tenants/{t}/tokens", idp.tenantId())
                .header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "auditor", "scopes", List.of("scim.read"))).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("token").stringValue();
        Answer readOnly = answer(new ScimClient(http, idp.tenantId(), readOnlyToken).delete("/Users/" + user), 403);

        List<JsonNode> rows = api().awaitRows(idp.tenantId(), "kind=error", found -> found.size() >= 4);

        assertThat(rows).hasSize(4);
        ActivityApi.assertNewestFirst(rows);
        assertRefusal(ActivityApi.byRequestId(rows, badFilter.requestId()), badFilter, "GET", "/scim/v2/Users", "idp");
        JsonNode notFoundRow = ActivityApi.byRequestId(rows, notFound.requestId());
        assertRefusal(notFoundRow, notFound, "GET", "/scim/v2/Users/" + missing, "idp");
        assertThat(notFoundRow.get("resourceType").stringValue()).isEqualTo("User");
        assertThat(notFoundRow.get("resourceId").stringValue()).isEqualTo(missing);
        assertRefusal(ActivityApi.byRequestId(rows, taken.requestId()), taken, "POST", "/scim/v2/Users", "idp");
        assertRefusal(ActivityApi.byRequestId(rows, readOnly.requestId()), readOnly, "DELETE", "/scim/v2/Users/" + user,
                "auditor");
    }

    private static void assertRefusal(JsonNode row, Answer answer, String method, String path, String tokenName) {
        assertThat(row.get("kind").stringValue()).isEqualTo("error");
        assertThat(row.get("action").stringValue()).isEqualTo("refused");
        assertThat(row.get("status").asInt()).isEqualTo(Integer.parseInt(answer.body().get("status").stringValue()));
        assertThat(row.get("detail").stringValue()).isEqualTo(answer.body().get("detail").stringValue());
        if (answer.body().has("scimType")) {
            assertThat(row.get("scimType").stringValue()).isEqualTo(answer.body().get("scimType").stringValue());
        }
        assertThat(row.get("method").stringValue()).isEqualTo(method);
        assertThat(row.get("path").stringValue()).isEqualTo(path);
        assertThat(row.get("tokenName").stringValue()).isEqualTo(tokenName);
        assertThat(row.get("tokenId").stringValue()).isNotEmpty();
        assertThat(row.has("seq")).isFalse();
    }

    @Test
    void aRequestOverTheRateLimitIsLogged() {
        ScimClient idp = newScimClient("limited-activity");
        admin(http.put().uri("/admin/v1/tenants/{t}/limits", idp.tenantId()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"read\":{\"perSecond\":1,\"burst\":1},\"write\":{\"perSecond\":1,\"burst\":1}}"))
                .exchange().expectStatus().isOk();
        Answer limited = null;
        for (int i = 0; i < 5 && limited == null; i++) {
            var result = idp.get("/Users").returnResult(JsonNode.class);
            if (result.getStatus().value() == 429) {
                limited = new Answer(result.getResponseHeaders().getFirst("X-Request-Id"),
                        result.getResponseBody().blockFirst());
            }
        }
        assertThat(limited).as("a read over a budget of one per second").isNotNull();
        String requestId = limited.requestId();
        List<JsonNode> rows = api().awaitRows(idp.tenantId(), "outcome=429",
                found -> found.stream().anyMatch(row -> requestId.equals(row.path("requestId").asString(""))));
        JsonNode row = ActivityApi.byRequestId(rows, requestId);
        assertThat(row.get("detail").stringValue()).isEqualTo(limited.body().get("detail").stringValue());
        assertThat(row.get("tokenName").stringValue()).isEqualTo("idp");
    }

    /** A /Bulk answered 200 with a failed operation in it: the failure is logged as that operation's. */
    @Test
    void aFailedBulkOperationIsLoggedWithItsBulkIdAndIndex() {
        ScimClient idp = newScimClient("bulk-failures");
        String missing = UUID.randomUUID().toString();
        var result = idp.post("/Bulk", Map.of("schemas", List.of("urn:ietf:params:scim:api:messages:2.0:BulkRequest"),
                "Operations", List.of(
                        Map.of("method", "POST", "path", "/Users", "bulkId", "ok", "data", Map.of("schemas",
                                List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", "fine@example.com")),
                        Map.of("method", "DELETE", "path", "/Users/" + missing, "bulkId", "gone"))))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult();
        String requestId = result.getResponseHeaders().getFirst("X-Request-Id");
        JsonNode failed = result.getResponseBody().get("Operations").get(1);
        assertThat(failed.get("status").stringValue()).isEqualTo("404");

        List<JsonNode> rows = api().awaitRows(idp.tenantId(), "kind=error", found -> !found.isEmpty());
        assertThat(rows).hasSize(1);
        JsonNode row = rows.get(0);
        assertThat(row.get("requestId").stringValue()).isEqualTo(requestId);
        assertThat(row.get("status").asInt()).isEqualTo(404);
        assertThat(row.get("detail").stringValue()).isEqualTo(failed.get("response").get("detail").stringValue());
        assertThat(row.get("method").stringValue()).isEqualTo("DELETE");
        assertThat(row.get("path").stringValue()).isEqualTo("/Users/" + missing);
        assertThat(row.get("resourceType").stringValue()).isEqualTo("User");
        assertThat(row.get("resourceId").stringValue()).isEqualTo(missing);
        assertThat(row.get("bulkId").stringValue()).isEqualTo("gone");
        assertThat(row.get("operationIndex").asInt()).isEqualTo(1);
        assertThat(row.get("tokenName").stringValue()).isEqualTo("idp");
        assertThat(api().all(idp.tenantId(), "kind=change")).hasSize(1);
    }

    @Test
    void anUnknownTokenIsNotLoggedAnywhere() {
        String tenant = newTenant("nobody");
        http.get().uri("/scim/v2/Users").header("Authorization", "Bearer not-a-token").exchange()
                .expectStatus().isUnauthorized();
        assertThat(api().all(tenant, "")).isEmpty();
    }
}
