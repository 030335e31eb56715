package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What Microsoft Entra ID sends, as client-wire-notes.md records it. */
class EntraQuirksTest extends GatewayTest {

    private static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    @Test
    void createsWithEntraExtrasAndAnswersTestConnection() {
        ScimClient entra = newScimClient("entra");
        // "Test connection" asks for a random user and group and expects empty lists.
        entra.get("/Users?filter=userName%20eq%20%22" + java.util.UUID.randomUUID() + "%22").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(0);
        entra.get("/Groups?excludedAttributes=members&filter=displayName%20eq%20%22" + java.util.UUID.randomUUID() + "%22")
                .expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);

        JsonNode user = body(entra.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],
                 "externalId":"ann","userName":"ann@contoso.com","active":"True","displayName":"Ann",
                 "meta":{"resourceType":"User"},"roles":[],
                 "emails":[{"primary":true,"type":"work","value":"ann@contoso.com"}],
                 "name":{"formatted":"Ann A","familyName":"A","givenName":"Ann"},
                 "%s":{"employeeNumber":"42","department":"R&D"}}""".formatted(ENTERPRISE, ENTERPRISE))
                .expectStatus().isCreated());
        assertThat(user.get("active").booleanValue()).isTrue();
        assertThat(user.at("/" + ENTERPRISE.replace("/", "~1") + "/employeeNumber").stringValue()).isEqualTo("42");

        JsonNode group = body(entra.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group",
                  "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],
                 "externalId":"g1","displayName":"Contoso Ops","meta":{"resourceType":"Group"},
                 "members":[{"value":"%s","$ref":null}]}""".formatted(user.get("id").stringValue()))
                .expectStatus().isCreated());
        assertThat(group.get("members")).hasSize(1);

        entra.get("/Users?filter=externalId%20eq%20%22ann%22").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(1);
        entra.get("/Groups?excludedAttributes=members&filter=displayName%20eq%20%22Contoso%20Ops%22").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(1).jsonPath("$.Resources[0].members").doesNotExist();
    }

    @Test
    void patchesWithCapitalisedOpsStringBooleansAndValuePaths() {
        ScimClient entra = newScimClient("entrapatch");
        String id = entra.createUser("bob@contoso.com");
        String manager = entra.createUser("boss@contoso.com");

        entra.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"Replace","path":"active","value":"False"},
                  {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"robert@contoso.com"},
                  {"op":"Add","path":"addresses[type eq \\"work\\"].streetAddress","value":"1 Main St"},
                  {"op":"Replace","value":{"name.givenName":"Robert","%s:employeeNumber":"7"}},
                  {"op":"Add","path":"%s:manager","value":{"value":"%s"}}]}""".formatted(ENTERPRISE, ENTERPRISE, manager))
                .expectStatus().isNoContent();

        JsonNode user = body(entra.get("/Users/" + id).expectStatus().isOk());
        assertThat(user.get("active").booleanValue()).isFalse();
        assertThat(user.at("/emails/0/value").stringValue()).isEqualTo("robert@contoso.com");
        assertThat(user.at("/addresses/0/streetAddress").stringValue()).isEqualTo("1 Main St");
        assertThat(user.at("/addresses/0/type").stringValue()).isEqualTo("work");
        assertThat(user.at("/name/givenName").stringValue()).isEqualTo("Robert");
        JsonNode enterprise = user.get(ENTERPRISE);
        assertThat(enterprise.get("employeeNumber").stringValue()).isEqualTo("7");
        assertThat(enterprise.at("/manager/value").stringValue()).isEqualTo(manager);
    }

    @Test
    void removesMembersByValueWithoutFilter() {
        ScimClient entra = newScimClient("entramembers");
        String a = entra.createUser("a@contoso.com");
        String b = entra.createUser("b@contoso.com");
        String groupId = body(entra.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"G",
                 "members":[{"value":"%s"},{"value":"%s"}]}""".formatted(a, b)).expectStatus().isCreated())
                .get("id").stringValue();
        entra.patch("/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"Remove","path":"members","value":[{"value":"%s"}]}]}""".formatted(a)).expectStatus().isNoContent();
        JsonNode group = body(entra.get("/Groups/" + groupId).expectStatus().isOk());
        assertThat(group.get("members")).hasSize(1);
        assertThat(group.at("/members/0/value").stringValue()).isEqualTo(b);

        // Entra also hard-deletes users.
        entra.delete("/Users/" + b).expectStatus().isNoContent();
        entra.get("/Users/" + b).expectStatus().isNotFound();
    }

    @Test
    void answersInScimJsonAndAcceptsPlainJson() {
        ScimClient entra = newScimClient("media");
        http.post().uri("/scim/v2/Users").header("Authorization", "Bearer " + entra.token())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"userName\":\"plain@contoso.com\"}")
                .exchange().expectStatus().isCreated()
                .expectHeader().contentTypeCompatibleWith("application/scim+json");
        http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + entra.token())
                .accept(org.springframework.http.MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/json");
    }
}
