package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tenant A's token never sees or changes tenant B's data: by id, by filter, or through membership. */
class TenantIsolationTest extends GatewayTest {

    @Test
    void tenantsAreIsolatedInEveryPath() {
        ScimClient a = newScimClient("tenant-a");
        ScimClient b = newScimClient("tenant-b");
        String bUser = b.createUser("shared@example.com");
        String bGroup = body(b.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"B team","members":[{"value":"%s"}]}"""
                .formatted(bUser)).expectStatus().isCreated()).get("id").stringValue();

        // The same userName and group name are free in another tenant.
        String aUser = a.createUser("shared@example.com");
        a.post("/Groups", "{\"displayName\":\"B team\"}").expectStatus().isCreated();

        // By id: read, replace, patch, delete.
        a.get("/Users/" + bUser).expectStatus().isNotFound();
        a.get("/Groups/" + bGroup).expectStatus().isNotFound();
        a.put("/Users/" + bUser, "{\"userName\":\"stolen@example.com\"}").expectStatus().isNotFound();
        a.patch("/Users/" + bUser, """
                {"Operations":[{"op":"replace","value":{"active":false}}]}""").expectStatus().isNotFound();
        a.patch("/Groups/" + bGroup, """
                {"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(aUser))
                .expectStatus().isNotFound();
        a.delete("/Users/" + bUser).expectStatus().isNotFound();
        a.delete("/Groups/" + bGroup).expectStatus().isNotFound();

        // By filter and listing.
        JsonNode byName = body(a.get("/Users?filter=userName%20eq%20%22shared@example.com%22").expectStatus().isOk());
        assertThat(byName.get("totalResults").asInt()).isEqualTo(1);
        assertThat(byName.at("/Resources/0/id").stringValue()).isEqualTo(aUser);
        a.get("/Users?filter=id%20eq%20%22" + bUser + "%22").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(0);
        a.get("/Groups?filter=members.value%20eq%20%22" + bUser + "%22").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(0);

        // Through membership: B's user cannot be put into A's group.
        String aGroup = body(a.post("/Groups", """
                {"displayName":"A team","members":[{"value":"%s"},{"value":"%s"}]}""".formatted(aUser, bUser))
                .expectStatus().isCreated()).get("id").stringValue();
        JsonNode aTeam = body(a.get("/Groups/" + aGroup).expectStatus().isOk());
        assertThat(aTeam.get("members")).hasSize(1);
        assertThat(aTeam.at("/members/0/value").stringValue()).isEqualTo(aUser);
        a.patch("/Groups/" + aGroup, """
                {"Operations":[{"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(bUser))
                .expectStatus().isNoContent();
        assertThat(body(a.get("/Groups/" + aGroup).expectStatus().isOk()).get("members")).hasSize(1);

        // B's data is untouched.
        JsonNode bTeam = body(b.get("/Groups/" + bGroup).expectStatus().isOk());
        assertThat(bTeam.get("members")).hasSize(1);
        assertThat(body(b.get("/Users/" + bUser).expectStatus().isOk()).get("active").booleanValue()).isTrue();
    }
}
