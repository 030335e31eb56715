package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;

/** The changes a SCIM client makes show in the admin API's activity, with the token that made them. */
class ChangesActivityTest extends GatewayTest {

    private static String requestId(EntityExchangeResult<?> result) {
        return result.getResponseHeaders().getFirst("X-Request-Id");
    }

    @Test
    void aCreateAPatchAndADeleteAreChangesWithTheirToken() {
        ScimClient idp = newScimClient("changes");
        var created = idp.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"bob@example.com",
                 "externalId":"okta-00u1","password":"Secret-1-never-logged"}""")
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult();
        String id = created.getResponseBody().get("id").stringValue();
        var patched = idp.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","path":"displayName","value":"Bob"}]}""")
                .expectStatus().is2xxSuccessful().expectBody().returnResult();
        var deleted = idp.delete("/Users/" + id).expectStatus().isNoContent().expectBody().returnResult();
        idp.get("/Users/" + id).expectStatus().isNotFound();

        ActivityApi api = new ActivityApi(http, ADMIN_TOKEN);
        List<JsonNode> changes = api.all(idp.tenantId(), "kind=change");
        assertThat(changes).extracting(row -> row.get("action").stringValue())
                .containsExactly("delete", "patch", "create");
        ActivityApi.assertNewestFirst(changes);
        List<String> requestIds = List.of(requestId(deleted), requestId(patched), requestId(created));
        for (int i = 0; i < changes.size(); i++) {
            JsonNode row = changes.get(i);
            assertThat(row.get("kind").stringValue()).isEqualTo("change");
            assertThat(row.get("tokenName").stringValue()).isEqualTo("idp");
            assertThat(row.get("requestId").stringValue()).isEqualTo(requestIds.get(i));
            assertThat(row.get("resourceId").stringValue()).isEqualTo(id);
            assertThat(row.get("resourceType").stringValue()).isEqualTo("User");
            assertThat(row.has("seq")).isTrue();
            assertThat(row.has("status")).isFalse();
        }
        assertThat(changes.get(2).get("label").stringValue()).isEqualTo("bob@example.com");
        assertThat(changes.get(0).get("seq").asLong()).isGreaterThan(changes.get(2).get("seq").asLong());

        // One resource's whole story: its changes and the refusal on its path, newest first.
        List<JsonNode> story = api.awaitRows(idp.tenantId(), "resourceId=" + id, rows -> rows.size() >= 4);
        assertThat(story).extracting(row -> row.get("action").stringValue())
                .containsExactly("refused", "delete", "patch", "create");
        assertThat(api.all(idp.tenantId(), "outcome=success")).hasSize(3);
        assertThat(api.all(idp.tenantId(), "")).allSatisfy(row -> assertThat(row.toString())
                .doesNotContain("Secret-1-never-logged").doesNotContain(idp.token()));
    }
}
