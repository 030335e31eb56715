package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OneLogin, JumpCloud and hand-written clients, as client-wire-notes.md records them. */
class ClientCompatTest extends GatewayTest {

    @Test
    void oneLoginPlusEncodedFiltersTrailingSeparatorsAndOldUrns() {
        ScimClient oneLogin = newScimClient("onelogin");
        JsonNode created = body(oneLogin.post("/Users", """
                {"schemas":["urn:scim:schemas:core:2.0","urn:scim:schemas:extension:enterprise:2.0"],
                 "userName":"jane+scim@example.com","name":{"givenName":"Jane"},
                 "urn:scim:schemas:extension:enterprise:2.0":{"department":"Sales"}}""").expectStatus().isCreated());
        String id = created.get("id").stringValue();
        assertThat(created.at("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department".replace("/u", "/u"))
                .isMissingNode()).isFalse();

        // Spaces as '+', a trailing '&'.
        oneLogin.get("/Users?filter=userName+eq+%22jane%2Bscim%40example.com%22&").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(1);
        // RFC 3986 style: '+' is a literal plus when spaces are %20.
        oneLogin.get("/Users?filter=userName%20eq%20%22jane+scim@example.com%22").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(1);
        // PUT /Users/{id}? with a trailing '?'.
        oneLogin.put("/Users/" + id + "?", "{\"userName\":\"jane+scim@example.com\",\"active\":false}")
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false);
    }

    @Test
    void jumpCloudTestConnectionCreatesAndDeletes() {
        ScimClient jumpCloud = newScimClient("jumpcloud");
        String user = jumpCloud.createUser("jc-test@example.com");
        String group = body(jumpCloud.post("/Groups", """
                {"displayName":"jc-test","members":[{"value":"%s"}]}""".formatted(user)).expectStatus().isCreated())
                .get("id").stringValue();
        jumpCloud.patch("/Groups/" + group, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"remove","path":"members","value":[{"value":"%s"}]}]}""".formatted(user))
                .expectStatus().isNoContent();
        jumpCloud.delete("/Groups/" + group).expectStatus().isNoContent();
        jumpCloud.delete("/Users/" + user).expectStatus().isNoContent();
        jumpCloud.get("/Users?startIndex=1&count=10").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);
    }

    @Test
    void lowerCaseEndpointsAndPagingEdges() {
        ScimClient c = newScimClient("paths");
        c.createUser("edge@example.com");
        c.get("/users?startIndex=0&count=-5").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(1).jsonPath("$.startIndex").isEqualTo(1)
                .jsonPath("$.itemsPerPage").isEqualTo(0);
        c.get("/groups").expectStatus().isOk();
        c.get("/Users?startIndex=5").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(1).jsonPath("$.Resources.length()").isEqualTo(0);
        c.get("/Users?attributes=userName").expectStatus().isOk()
                .expectBody().jsonPath("$.Resources[0].userName").isEqualTo("edge@example.com")
                .jsonPath("$.Resources[0].id").exists()
                .jsonPath("$.Resources[0].emails").doesNotExist();
    }

    @Test
    void groupAttributesProjectionAndPut() {
        ScimClient c = newScimClient("groupput");
        String a = c.createUser("a@example.com");
        String b = c.createUser("b@example.com");
        String id = body(c.post("/Groups", "{\"displayName\":\"Before\",\"members\":[{\"value\":\"%s\"}]}".formatted(a))
                .expectStatus().isCreated()).get("id").stringValue();
        JsonNode put = body(c.put("/Groups/" + id, "{\"displayName\":\"After\",\"members\":[{\"value\":\"%s\"}]}".formatted(b))
                .expectStatus().isOk());
        assertThat(put.get("displayName").stringValue()).isEqualTo("After");
        assertThat(put.get("members")).hasSize(1);
        assertThat(put.at("/members/0/value").stringValue()).isEqualTo(b);
        JsonNode listed = body(c.get("/Groups?attributes=displayName").expectStatus().isOk());
        assertThat(listed.at("/Resources/0/displayName").stringValue()).isEqualTo("After");
        assertThat(listed.at("/Resources/0/members").isMissingNode()).isTrue();
        // PATCH with attributes answers 200 with the resource.
        c.patch("/Groups/" + id + "?attributes=displayName", """
                {"Operations":[{"op":"replace","path":"displayName","value":"Renamed"}]}""")
                .expectStatus().isOk().expectBody().jsonPath("$.displayName").isEqualTo("Renamed");
        c.post("/Groups", "{\"displayName\":\"renamed\"}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.scimType").isEqualTo("uniqueness");
    }

    /** What Microsoft's reference conformance collection sends beyond the RFC. */
    @Test
    void microsoftReferenceCollectionQuirks() {
        ScimClient c = newScimClient("msref");
        String user = body(c.post("/Users", """
                {"userName":"OMalley","displayName":"BobIsAmazing","name":{"familyName":"Employee"},
                 "emails":[{"type":"work","value":"emailName357@example.com"}]}""").expectStatus().isCreated())
                .get("id").stringValue();
        c.get("/serviceConfiguration").expectStatus().isOk().expectBody().jsonPath("$.patch.supported").isEqualTo(true);
        c.get("/Users/?filter=DisplayName+eq+%22BobIsAmazing%22").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(1);
        c.get("/Users?filter=userName%20sw%20O").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(1);
        c.get("/Users?filter=name.FamilyName%20eq%20Employee%20and%20(emails.Value%20co%20example.com)").expectStatus()
                .isOk().expectBody().jsonPath("$.totalResults").isEqualTo(1);
        c.get("/Users?filter=meta.Created%20gt%202015-10-10T14:38:21.8617979-07:00").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(1);
        c.get("/Users?attributes=emails%5Btype%20eq%20%22work%22%5D").expectStatus().isOk()
                .expectBody().jsonPath("$.Resources[0].emails[0].value").isEqualTo("emailName357@example.com");
        String group = body(c.post("/Groups", "{\"displayName\":\"Ref\"}").expectStatus().isCreated()).get("id").stringValue();
        c.patch("/Groups/" + group, """
                {"Operations":[{"name":"addMember","op":"add","path":"members",
                  "value":[{"displayName":"new User","value":"%s"}]}]}""".formatted(user)).expectStatus().isNoContent();
        c.get("/Groups/" + group).expectStatus().isOk().expectBody().jsonPath("$.members[0].display").isEqualTo("new User");
    }
}
