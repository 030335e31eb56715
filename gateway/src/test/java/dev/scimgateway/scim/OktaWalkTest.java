package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Okta's whole provisioning walk, request by request as client-wire-notes.md records it, against
 * a running gateway and a real PostgreSQL.
 */
class OktaWalkTest extends GatewayTest {

    private static final String OKTA_USER = """
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName":"%s","name":{"givenName":"Jane","familyName":"Doe"},
             "emails":[{"primary":true,"value":"%s","type":"work"}],
             "displayName":"Jane Doe","locale":"en-US","externalId":"00u1abcd","groups":[],
             "password":"t3mp-Passw0rd!","active":true}
            """;

    @Test
    void provisionsUsersTheWayOktaDoes() {
        ScimClient okta = newScimClient("okta");

        // "Test API credentials"
        JsonNode empty = body(okta.get("/Users?startIndex=1&count=2").expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/scim+json"));
        assertThat(empty.get("totalResults").isNumber()).isTrue();
        assertThat(empty.get("totalResults").asInt()).isZero();

        // Assignment: filter first, then create.
        JsonNode none = body(okta.get("/Users?filter=userName%20eq%20%22Jane.Doe@example.com%22&startIndex=1&count=100")
                .expectStatus().isOk());
        assertThat(none.get("totalResults").asInt()).isZero();
        assertThat(none.get("Resources")).isEmpty();

        JsonNode created = body(okta.post("/Users", OKTA_USER.formatted("Jane.Doe@example.com", "jane.doe@example.com"))
                .expectStatus().isCreated()
                .expectHeader().exists("ETag")
                .expectHeader().exists("Location"));
        String id = created.get("id").stringValue();
        assertThat(created.get("userName").stringValue()).isEqualTo("Jane.Doe@example.com");
        assertThat(created.get("active").booleanValue()).isTrue();
        assertThat(created.has("password")).isFalse();
        assertThat(created.at("/meta/resourceType").stringValue()).isEqualTo("User");
        assertThat(created.at("/meta/location").stringValue()).endsWith("/scim/v2/Users/" + id);
        assertThat(created.at("/meta/version").stringValue()).startsWith("W/\"");
        assertThat(created.at("/emails/0/primary").booleanValue()).isTrue();

        // Read back, duplicate, case-insensitive filter that keeps the stored case.
        okta.get("/Users/" + id).expectStatus().isOk().expectBody().jsonPath("$.userName").isEqualTo("Jane.Doe@example.com");
        okta.post("/Users", OKTA_USER.formatted("jane.doe@EXAMPLE.com", "x@example.com"))
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.scimType").isEqualTo("uniqueness").jsonPath("$.status").isEqualTo("409");
        JsonNode found = body(okta.get("/Users?filter=userName%20eq%20%22JANE.DOE@EXAMPLE.COM%22&startIndex=1&count=100")
                .expectStatus().isOk());
        assertThat(found.get("totalResults").asInt()).isEqualTo(1);
        assertThat(found.at("/Resources/0/id").stringValue()).isEqualTo(id);
        assertThat(found.at("/Resources/0/userName").stringValue()).isEqualTo("Jane.Doe@example.com");

        // Unknown id: 404 with a detail.
        okta.get("/Users/00000000-0000-0000-0000-000000000000").expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isNotEmpty().jsonPath("$.status").isEqualTo("404");

        // Profile change: GET then PUT with the whole user.
        JsonNode current = body(okta.get("/Users/" + id).expectStatus().isOk());
        JsonNode replaced = body(okta.put("/Users/" + id, current.toString().replace("\"Jane\"", "\"Janet\""))
                .expectStatus().isOk());
        assertThat(replaced.at("/name/givenName").stringValue()).isEqualTo("Janet");
        assertThat(replaced.at("/meta/version").stringValue()).isNotEqualTo(current.at("/meta/version").stringValue());

        // Deactivate, then reactivate under the same id.
        okta.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":false}}]}""").expectStatus().isNoContent();
        okta.get("/Users/" + id).expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false);
        okta.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                 "Operations":[{"op":"replace","value":{"active":true}}]}""").expectStatus().isNoContent();
        okta.get("/Users/" + id).expectStatus().isOk().expectBody()
                .jsonPath("$.active").isEqualTo(true).jsonPath("$.id").isEqualTo(id);
        // Older Okta app types deactivate with PUT.
        JsonNode again = body(okta.get("/Users/" + id).expectStatus().isOk());
        okta.put("/Users/" + id, again.toString().replace("\"active\":true", "\"active\":false")).expectStatus().isOk()
                .expectBody().jsonPath("$.active").isEqualTo(false);
    }

    @Test
    void importPagesThroughEveryUserInAStableOrder() {
        ScimClient okta = newScimClient("import");
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            created.add(okta.createUser("user" + i + "@example.com"));
        }
        List<String> seen = new ArrayList<>();
        for (int start = 1; ; start += 10) {
            JsonNode page = body(okta.get("/Users?startIndex=" + start + "&count=10").expectStatus().isOk());
            assertThat(page.get("totalResults").asInt()).isEqualTo(25);
            assertThat(page.get("startIndex").asInt()).isEqualTo(start);
            assertThat(page.get("itemsPerPage").isNumber()).isTrue();
            page.get("Resources").forEach(user -> seen.add(user.get("id").stringValue()));
            if (start + 10 > page.get("totalResults").asInt()) {
                break;
            }
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(created);
    }

    @Test
    void pushesGroupsAndMembershipsInChunksWithRenames() {
        ScimClient okta = newScimClient("groups");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            users.add(okta.createUser("member" + i + "@example.com"));
        }

        // Group push: filter by displayName, then create.
        okta.get("/Groups?filter=displayName%20eq%20%22Sales%22&startIndex=1&count=100").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(0);
        JsonNode group = body(okta.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Sales","members":[]}""")
                .expectStatus().isCreated());
        String groupId = group.get("id").stringValue();

        // Membership in chunks of 100, each with Okta's rename replace carrying the id.
        for (int chunk = 0; chunk < 3; chunk++) {
            StringBuilder members = new StringBuilder();
            for (String user : users.subList(chunk * 100, Math.min(users.size(), chunk * 100 + 100))) {
                members.append(members.isEmpty() ? "" : ",").append("{\"value\":\"").append(user).append("\",\"display\":\"x\"}");
            }
            okta.patch("/Groups/" + groupId, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                      {"op":"replace","value":{"id":"%s","displayName":"Sales %d"}},
                      {"op":"add","path":"members","value":[%s]}]}""".formatted(groupId, chunk, members))
                    .expectStatus().isNoContent();
        }
        JsonNode full = body(okta.get("/Groups/" + groupId).expectStatus().isOk());
        assertThat(full.get("displayName").stringValue()).isEqualTo("Sales 2");
        assertThat(full.get("members")).hasSize(250);

        // One PATCH removing by filter and adding.
        okta.patch("/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"remove","path":"members[value eq \\"%s\\"]"},
                  {"op":"add","path":"members","value":[{"value":"%s"}]}]}""".formatted(users.get(0), users.get(0)))
                .expectStatus().isNoContent();
        okta.patch("/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"remove","path":"members[value eq \\"%s\\"]"}]}""".formatted(users.get(1)))
                .expectStatus().isNoContent();
        assertThat(body(okta.get("/Groups/" + groupId).expectStatus().isOk()).get("members")).hasSize(249);

        // Listing without members stays cheap; the import sees every group.
        JsonNode listed = body(okta.get("/Groups?startIndex=1&count=100&excludedAttributes=members").expectStatus().isOk());
        assertThat(listed.at("/Resources/0/members").isMissingNode()).isTrue();
        assertThat(listed.get("totalResults").asInt()).isEqualTo(1);

        // Empty push, then unlink with delete.
        okta.patch("/Groups/" + groupId, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                  {"op":"replace","path":"members","value":[]}]}""").expectStatus().isNoContent();
        JsonNode emptied = body(okta.get("/Groups/" + groupId).expectStatus().isOk());
        assertThat(emptied.path("members").size()).isZero();
        okta.delete("/Groups/" + groupId).expectStatus().isNoContent();
        okta.get("/Groups/" + groupId).expectStatus().isNotFound();
        // The users are untouched.
        okta.get("/Users/" + users.get(0)).expectStatus().isOk();
    }

    @Test
    void unknownMembersAreSkippedNotFatal() {
        ScimClient okta = newScimClient("skip");
        String user = okta.createUser("known@example.com");
        JsonNode group = body(okta.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Mixed",
                 "members":[{"value":"%s"},{"value":"00000000-0000-0000-0000-000000000001"},{"value":"not-a-uuid"}]}"""
                .formatted(user)).expectStatus().isCreated());
        assertThat(group.get("members")).hasSize(1);
        assertThat(group.at("/members/0/value").stringValue()).isEqualTo(user);
    }

    @Test
    void deletingAUserRemovesItsMemberships() {
        ScimClient okta = newScimClient("cascade");
        String user = okta.createUser("leaver@example.com");
        String groupId = body(okta.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Team","members":[{"value":"%s"}]}"""
                .formatted(user)).expectStatus().isCreated()).get("id").stringValue();
        okta.delete("/Users/" + user).expectStatus().isNoContent();
        okta.get("/Users/" + user).expectStatus().isNotFound();
        assertThat(body(okta.get("/Groups/" + groupId).expectStatus().isOk()).path("members").size()).isZero();
    }
}
